//! The fixed items at the root of the generated crate: `Meaning`, `Meanings`, `UnknownCode`,
//! `canonical_code` (errdex's own rule, printed from [`crate::shapes::CANONICAL_CODE_SOURCE`])
//! and the private readers of the compact tables ([`crate::emit::rust::tables`]).

use proc_macro2::TokenStream;
use quote::quote;

use crate::shapes::CANONICAL_CODE_SOURCE;

/// The root items every generated crate has, whatever the documents say.
pub fn support_items() -> TokenStream {
    let canonical_code: TokenStream = CANONICAL_CODE_SOURCE
        .parse()
        .unwrap_or_else(|_| TokenStream::new());
    quote! {
        /// One documented meaning of an error code: a table row, with where it is.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct Meaning {
            /// Source document id (the file name without extension).
            pub source: &'static str,
            /// Source path, relative to the documentation root.
            pub path: &'static str,
            /// 1-based line of the row.
            pub line: u32,
            /// The code exactly as this row writes it.
            pub code_text: &'static str,
            /// HTTP status, when the row gives exactly one number.
            pub http_status: Option<u16>,
            /// The status cell as written when it is not exactly one number.
            pub status_text: Option<&'static str>,
            /// The message.
            pub message: &'static str,
            /// The description, where the table has one besides the message.
            pub description: Option<&'static str>,
            /// What to do.
            pub solution: Option<&'static str>,
            /// The module or sub-service column, where the table has one.
            pub module: Option<&'static str>,
        }

        /// Every documented meaning of one code, in source order.
        #[derive(Debug, Clone)]
        pub struct Meanings {
            tables: &'static Tables,
            next: usize,
            end: usize,
        }

        impl Iterator for Meanings {
            type Item = Meaning;

            fn next(&mut self) -> Option<Meaning> {
                if self.next >= self.end {
                    return None;
                }
                self.next += 1;
                Some(self.tables.meaning_row(self.next - 1))
            }

            fn size_hint(&self) -> (usize, Option<usize>) {
                let left = self.end.saturating_sub(self.next);
                (left, Some(left))
            }
        }

        impl ExactSizeIterator for Meanings {}

        /// A string that is not a documented error code (of the service it was parsed for, or
        /// of any service for [`Code`]).
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct UnknownCode {
            service: &'static str,
            input: String,
        }

        impl UnknownCode {
            /// The error for `input`, which is not a code of `service` (`any` for every
            /// service).
            pub fn new(service: &'static str, input: &str) -> Self {
                UnknownCode { service, input: input.to_owned() }
            }

            /// The service whose codes were searched (`any` for every service).
            pub fn service(&self) -> &'static str {
                self.service
            }

            /// The string that was parsed.
            pub fn input(&self) -> &str {
                &self.input
            }
        }

        impl std::fmt::Display for UnknownCode {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "`{}` is not a documented {} error code", self.input, self.service)
            }
        }

        impl std::error::Error for UnknownCode {}

        #canonical_code

        /// Numbers written as fixed-width hexadecimal digits, `columns` numbers a row: a
        /// table that costs the compiler one string literal.
        #[allow(dead_code)] // unused in a crate of no error codes
        #[derive(Debug)]
        struct Table {
            hex: &'static str,
            width: usize,
            columns: usize,
        }

        #[allow(dead_code)]
        impl Table {
            /// How many rows the table has.
            fn rows(&self) -> usize {
                self.hex.len() / (self.width * self.columns).max(1)
            }

            /// The number in `row`, `column` (0 outside the table).
            fn get(&self, row: usize, column: usize) -> usize {
                let at = (row * self.columns + column) * self.width;
                self.hex
                    .get(at..at + self.width)
                    .and_then(|digits| usize::from_str_radix(digits, 16).ok())
                    .unwrap_or(0)
            }
        }

        /// Strings stored end to end; string `id` (from 1) ends where `ends` row `id - 1`
        /// says. Id 0 is "none".
        #[allow(dead_code)] // unused in a crate of no error codes
        #[derive(Debug)]
        struct Strings {
            text: &'static str,
            ends: Table,
        }

        #[allow(dead_code)]
        impl Strings {
            fn get(&self, id: usize) -> Option<&'static str> {
                if id == 0 {
                    return None;
                }
                let start = if id == 1 { 0 } else { self.ends.get(id - 2, 0) };
                self.text.get(start..self.ends.get(id - 1, 0))
            }

            fn text(&self, id: usize) -> &'static str {
                self.get(id).unwrap_or("")
            }
        }

        /// The codes of one service: per code (code, variant name, first meaning, number of
        /// meanings, stated meaning, conflicting), per meaning (source, path, line, code as
        /// written, HTTP status, status text, message, description, solution, module), all
        /// texts in `strings`.
        #[allow(dead_code)] // unused in a crate of no error codes
        #[derive(Debug)]
        struct Tables {
            strings: Strings,
            codes: Table,
            meanings: Table,
        }

        #[allow(dead_code)]
        impl Tables {
            fn code(&self, index: usize) -> &'static str {
                self.strings.text(self.codes.get(index, 0))
            }

            fn variant(&self, index: usize) -> &'static str {
                self.strings.text(self.codes.get(index, 1))
            }

            fn meanings(&'static self, index: usize) -> Meanings {
                let next = self.codes.get(index, 2);
                Meanings { tables: self, next, end: next + self.codes.get(index, 3) }
            }

            fn no_meanings(&'static self) -> Meanings {
                Meanings { tables: self, next: 0, end: 0 }
            }

            fn stated(&self, index: usize) -> Meaning {
                self.meaning_row(self.codes.get(index, 2) + self.codes.get(index, 4))
            }

            fn conflicting(&self, index: usize) -> bool {
                self.codes.get(index, 5) == 1
            }

            fn meaning_row(&self, row: usize) -> Meaning {
                let text = |column| self.strings.get(self.meanings.get(row, column));
                let status = self.meanings.get(row, 4);
                Meaning {
                    source: text(0).unwrap_or(""),
                    path: text(1).unwrap_or(""),
                    line: u32::try_from(self.meanings.get(row, 2)).unwrap_or(0),
                    code_text: text(3).unwrap_or(""),
                    http_status: u16::try_from(status).ok().filter(|s| *s != 0),
                    status_text: text(5),
                    message: text(6).unwrap_or(""),
                    description: text(7),
                    solution: text(8),
                    module: text(9),
                }
            }
        }

        /// Every code of every service by canonical spelling, sorted: (canonical code,
        /// service number, code index) per row.
        #[allow(dead_code)] // unused in a crate of no error codes
        #[derive(Debug)]
        struct Index {
            strings: Strings,
            rows: Table,
        }

        #[allow(dead_code)]
        impl Index {
            /// The rows whose canonical code is `canonical`: (service number, code index).
            fn find(&self, canonical: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
                let key = |row: usize| self.strings.text(self.rows.get(row, 0));
                let first = partition_point(self.rows.rows(), |row| key(row) < canonical);
                let end = partition_point(self.rows.rows(), |row| key(row) <= canonical);
                (first..end).map(|row| (self.rows.get(row, 1), self.rows.get(row, 2)))
            }
        }

        /// The first of `0..len` for which `before` is false (`before` true up to some point,
        /// false after it): a binary search.
        #[allow(dead_code)] // unused in a crate of no error codes
        fn partition_point(len: usize, before: impl Fn(usize) -> bool) -> usize {
            let (mut low, mut high) = (0, len);
            while low < high {
                let middle = low + (high - low) / 2;
                if before(middle) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            low
        }

        /// An object's members as the generated types read them: serde's derived
        /// `Deserialize` writes a visitor for every type, which made crates of thousands of
        /// types too large to compile; each type's `Deserialize` here is one call per field.
        /// Unknown members are ignored; a missing optional member or `null` is `None`.
        #[allow(dead_code)] // unused in a crate of no API types
        struct ObjectReader(serde_json::Map<String, serde_json::Value>);

        #[allow(dead_code)] // unused in a crate of no API types
        impl ObjectReader {
            fn read<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <serde_json::Map<String, serde_json::Value> as serde::Deserialize>::deserialize(
                    deserializer,
                )
                .map(ObjectReader)
            }

            fn optional<T: serde::de::DeserializeOwned, E: serde::de::Error>(
                &mut self,
                name: &str,
            ) -> Result<Option<T>, E> {
                match self.0.remove(name) {
                    None | Some(serde_json::Value::Null) => Ok(None),
                    Some(value) => T::deserialize(value)
                        .map(Some)
                        .map_err(|e| E::custom(format_args!("field `{name}`: {e}"))),
                }
            }

            fn required<T: serde::de::DeserializeOwned, E: serde::de::Error>(
                &mut self,
                name: &str,
            ) -> Result<T, E> {
                match self.0.remove(name) {
                    None => Err(E::custom(format_args!("missing field `{name}`"))),
                    Some(value) => T::deserialize(value)
                        .map_err(|e| E::custom(format_args!("field `{name}`: {e}"))),
                }
            }
        }

        /// An object's members as the generated types write them, in declaration order (see
        /// [`ObjectReader`]); `None` members are left out.
        #[allow(dead_code)] // unused in a crate of no API types
        struct ObjectWriter(Vec<(&'static str, serde_json::Value)>);

        #[allow(dead_code)] // unused in a crate of no API types
        impl ObjectWriter {
            fn new() -> Self {
                ObjectWriter(Vec::new())
            }

            fn optional<T: serde::Serialize, E: serde::ser::Error>(
                &mut self,
                name: &'static str,
                value: &Option<T>,
            ) -> Result<(), E> {
                match value {
                    Some(value) => self.required(name, value),
                    None => Ok(()),
                }
            }

            fn required<T: serde::Serialize, E: serde::ser::Error>(
                &mut self,
                name: &'static str,
                value: &T,
            ) -> Result<(), E> {
                let value = serde_json::to_value(value).map_err(E::custom)?;
                self.0.push((name, value));
                Ok(())
            }

            fn write<S: serde::Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_map(self.0)
            }
        }

        /// A code as an API response writes it: a string, or a number for numeric codes.
        #[allow(dead_code)] // unused in a crate of no error codes
        struct CodeText(String);

        impl<'de> serde::Deserialize<'de> for CodeText {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;

                impl serde::de::Visitor<'_> for Visitor {
                    type Value = CodeText;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("an error code (a string or a number)")
                    }

                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<CodeText, E> {
                        Ok(CodeText(text.to_owned()))
                    }

                    fn visit_u64<E: serde::de::Error>(self, number: u64) -> Result<CodeText, E> {
                        Ok(CodeText(number.to_string()))
                    }

                    fn visit_i64<E: serde::de::Error>(self, number: i64) -> Result<CodeText, E> {
                        Ok(CodeText(number.to_string()))
                    }
                }

                deserializer.deserialize_any(Visitor)
            }
        }
    }
}
