//! The formula compiler: any text → `formula::compile`, and a compiled formula evaluated on a few
//! rows of numbers, as the engine evaluates it (cast to f64).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(f) = chitieu::formula::compile(source) {
        let _ = chitieu::formula::check_on_numbers(&f);
        for n in &f.names {
            let _ = chitieu::formula::find_name(source, n);
        }
    }
});
