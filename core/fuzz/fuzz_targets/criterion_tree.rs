#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| benchcore_fuzz::criterion_tree(data));
