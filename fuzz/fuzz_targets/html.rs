//! Fuzz target `html`: one input through decode, parse and extract (see errdex_core::fuzzing).
#![no_main]

use errdex_core::parse::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    errdex_core::fuzzing::parse_and_extract(Some(Format::Html), data);
});
