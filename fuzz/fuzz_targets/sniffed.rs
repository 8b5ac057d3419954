//! Fuzz target `sniffed`: one input through decode, parse and extract (see errdex_core::fuzzing).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    errdex_core::fuzzing::parse_and_extract(None, data);
});
