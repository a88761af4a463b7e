use clap::Parser;

// polars allocates and frees columns of millions of values at every step; the system allocator
// hands such blocks back to the kernel each time, and every new one costs page faults again
// (national evaluation 3.3 → 2.8 s; see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
