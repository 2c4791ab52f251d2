use super::*;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn an_earlier_directory_hides_the_same_name_and_other_files_are_skipped() {
    let t = tempfile::tempdir().unwrap();
    let (a, b) = (t.path().join("a"), t.path().join("b"));
    write(&a, "web.container", "[Container]\nImage=one\n");
    write(&b, "web.container", "[Container]\nImage=two\n");
    write(&b, "data.volume", "[Volume]\n");
    write(&b, "notes.txt", "x");
    std::fs::create_dir_all(b.join("sub.container")).unwrap();
    let found = find(&[a.clone(), b.clone(), t.path().join("missing")]).unwrap();
    let names: Vec<_> = found.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["data.volume", "web.container"]);
    assert!(found[1].text.contains("one"));
    assert_eq!(found[1].service_name(), "web.service");
}

#[test]
fn units_are_written_with_their_install_links_and_errors_do_not_stop_the_rest() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("q");
    write(&src, "data.volume", "[Volume]\n");
    write(
        &src,
        "web.container",
        "[Container]\nImage=busybox\nVolume=data.volume:/d\n[Install]\nWantedBy=default.target\n",
    );
    write(
        &src,
        "bad.container",
        "[Container]\nImage=busybox\nNoSuchKey=1\n",
    );
    let files = find(&[src]).unwrap();
    let (services, errors) = generate(&files, Path::new("/usr/bin/skiff"), false);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, "bad.container");
    assert_eq!(errors[0].line, 3);
    let out = t.path().join("out");
    write_units(&out, &services).unwrap();
    let web = std::fs::read_to_string(out.join("web.service")).unwrap();
    assert!(web.contains("--volume=systemd-data:/d"), "{web}");
    assert!(web.contains("Requires=data-volume.service"), "{web}");
    assert!(out.join("data-volume.service").is_file());
    let link = out.join("default.target.wants/web.service");
    assert_eq!(std::fs::read_link(&link).unwrap(), out.join("web.service"));
    assert!(!out.join("bad.service").exists());
    // Writing again (a second daemon-reload) replaces the link rather than failing.
    write_units(&out, &services).unwrap();
}

#[test]
fn a_unit_the_user_wrote_is_never_replaced_and_links_alone_are_unlinked() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("q");
    write(&src, "web.container", "[Container]\nImage=busybox\n");
    let (services, _) = generate(&find(&[src]).unwrap(), Path::new("/usr/bin/skiff"), false);
    let out = t.path().join("out");
    write(&out, "web.service", "[Service]\nExecStart=/bin/true\n");
    let err = write_units(&out, &services).unwrap_err().to_string();
    assert!(err.contains("skiff did not write it"), "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("web.service")).unwrap(),
        "[Service]\nExecStart=/bin/true\n"
    );
    // A unit skiff wrote is replaced.
    std::fs::remove_file(out.join("web.service")).unwrap();
    write_units(&out, &services).unwrap();
    write_units(&out, &services).unwrap();
    // Removing it unlinks it from .wants/ but leaves a same-named file elsewhere alone.
    write(&out.join("default.target.wants"), "other", "");
    std::os::unix::fs::symlink(
        out.join("web.service"),
        out.join("default.target.wants/web.service"),
    )
    .unwrap();
    write(&out.join("notes"), "web.service", "mine");
    install::remove_unit(&out, "web.service").unwrap();
    assert!(!out.join("web.service").exists());
    assert!(out
        .join("default.target.wants/web.service")
        .symlink_metadata()
        .is_err());
    assert_eq!(
        std::fs::read_to_string(out.join("notes/web.service")).unwrap(),
        "mine"
    );
}
