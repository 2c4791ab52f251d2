//! `skiff image tree` (podman's): an image's layers as podman draws them.

use std::fmt::Write;

use clap::Args;
use skiff_libpod::image::tree::{ImageTree, TreeLayer};
use skiff_libpod::Engine;

use crate::format::units::human_size_precision;

/// `image tree` arguments.
#[derive(Debug, Args)]
pub struct TreeArgs {
    /// Show the layers other images stack on this image's top layer, instead of its own
    #[arg(long = "whatrequires")]
    what_requires: bool,
    /// The image
    #[arg(value_name = "IMAGE")]
    image: String,
}

/// `skiff image tree`.
pub fn exec(engine: &mut Engine, args: TreeArgs) -> anyhow::Result<i32> {
    let tree = engine.image_tree(&args.image, args.what_requires)?;
    print!("{}", render(&tree));
    Ok(0)
}

/// podman's drawing: the image's id, names and size, then one line per layer, a layer's
/// children below it, indented.
fn render(tree: &ImageTree) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Image ID: {}", &tree.id[..tree.id.len().min(12)]);
    let _ = writeln!(out, "Tags:     [{}]", tree.names.join(" "));
    let _ = writeln!(
        out,
        "Size:     {}",
        human_size_precision(tree.size as f64, 4)
    );
    out.push_str("Image Layers\n");
    draw(&mut out, &tree.layers, "");
    out.push('\n');
    out
}

fn draw(out: &mut String, layers: &[TreeLayer], prefix: &str) {
    for (i, layer) in layers.iter().enumerate() {
        let last = i + 1 == layers.len();
        let (branch, below) = if last {
            ("└── ", "    ")
        } else {
            ("├── ", "│   ")
        };
        let top = match layer.top_of.is_empty() {
            true => String::new(),
            false => format!(" Top Layer of: [{}]", layer.top_of.join(" ")),
        };
        let _ = writeln!(
            out,
            "{prefix}{branch}ID: {} Size: {:>7}{top}",
            &layer.id[..layer.id.len().min(12)],
            human_size_precision(layer.size as f64, 4)
        );
        draw(out, &layer.children, &format!("{prefix}{below}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(id: &str, size: u64, top_of: &[&str], children: Vec<TreeLayer>) -> TreeLayer {
        TreeLayer {
            id: id.into(),
            size,
            top_of: top_of.iter().map(|s| s.to_string()).collect(),
            children,
        }
    }

    #[test]
    fn podman_s_drawing() {
        let tree = ImageTree {
            id: "4bb21112e2f5aaaaaaaa".into(),
            names: vec!["localhost/tree1:latest".into()],
            size: 2_152_000,
            layers: vec![
                layer(
                    "586dacf05232ffff",
                    3584,
                    &["localhost/tree1:latest"],
                    vec![],
                ),
                layer(
                    "2f71d7f2c077ffff",
                    3584,
                    &["localhost/tree2:latest"],
                    vec![layer(
                        "6fe6c4a63e14ffff",
                        3584,
                        &["localhost/tree4:latest"],
                        vec![],
                    )],
                ),
                layer("d65be6a0d6cbffff", 2_140_000, &[], vec![]),
            ],
        };
        assert_eq!(
            render(&tree),
            "Image ID: 4bb21112e2f5\n\
             Tags:     [localhost/tree1:latest]\n\
             Size:     2.152MB\n\
             Image Layers\n\
             ├── ID: 586dacf05232 Size: 3.584kB Top Layer of: [localhost/tree1:latest]\n\
             ├── ID: 2f71d7f2c077 Size: 3.584kB Top Layer of: [localhost/tree2:latest]\n\
             │   └── ID: 6fe6c4a63e14 Size: 3.584kB Top Layer of: [localhost/tree4:latest]\n\
             └── ID: d65be6a0d6cb Size:  2.14MB\n\n"
        );
    }
}
