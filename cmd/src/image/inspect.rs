//! `skiff image inspect [-f FORMAT] IMAGE...`.

use clap::Args;
use skiff_libpod::Engine;

use crate::container::output::print_each;

/// `image inspect` flags.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Format the output with a Go template
    #[arg(short = 'f', long)]
    format: Option<String>,
    /// Images (names or ids)
    #[arg(required = true)]
    images: Vec<String>,
}

/// Prints the images' documents: a JSON array, or one template line per image.
pub fn exec(engine: &mut Engine, args: InspectArgs) -> anyhow::Result<i32> {
    let mut found = Vec::new();
    let mut code = 0;
    for name in &args.images {
        match engine.inspect_image(name) {
            Ok(v) => found.push(v),
            Err(e) => {
                eprintln!("Error: {e}");
                code = 125;
            }
        }
    }
    match &args.format {
        Some(f) => print_each(f, &found)?,
        None => println!("{}", crate::container::output::inspect_json(&found)),
    }
    Ok(code)
}
