use clap::Parser;

fn main() {
    let cli = chitieu::cli::Cli::parse();
    let code = match chitieu::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            let shown = anyhow::Error::new(e);
            eprintln!("{shown}");
            2
        }
    };
    std::process::exit(code);
}
