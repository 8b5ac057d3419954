//! Compact static tables for the generated crate: what a crate of a hundred thousand codes
//! compiles in seconds instead of gigabytes.
//!
//! rustc type-checks and const-evaluates every element of a static array of structs of string
//! literals one by one (150,000 `Meaning { … }` literals: 4.2 GB and 2.5 minutes); one string
//! literal is a single token however long. So every text goes into one string per module, end
//! to end ([`StringPool`]), and every number into one string of fixed-width hexadecimal digits
//! ([`NumberTable`]); the generated crate's `Table` and `Strings` read a cell with one slice
//! and one `u32::from_str_radix`, with no start-up cost and no `unsafe`.

use std::collections::HashMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Strings stored end to end. Id 0 stands for "none"; the first string has id 1.
#[derive(Debug, Default)]
pub struct StringPool {
    text: String,
    ends: Vec<u32>,
    ids: HashMap<String, u32>,
}

impl StringPool {
    /// The id of `text`, added when new (equal strings share one id).
    pub fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        self.text.push_str(text);
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        let id = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
        self.ids.insert(text.to_string(), id);
        id
    }

    /// The id of `text`, or 0 for none.
    pub fn optional(&mut self, text: Option<&str>) -> u32 {
        text.map_or(0, |t| self.id(t))
    }

    /// `Strings { text: "…", ends: Table { … } }` (the generated crate's type, at `path`).
    pub fn tokens(&self, path: &TokenStream) -> TokenStream {
        let text = Literal::string(&self.text);
        let ends = NumberTable::with_rows(1, self.ends.iter().map(|&e| [e])).tokens(path);
        quote! { #path Strings { text: #text, ends: #ends } }
    }
}

/// Rows of `columns` numbers.
#[derive(Debug, Clone)]
pub struct NumberTable {
    columns: usize,
    cells: Vec<u32>,
}

impl NumberTable {
    /// An empty table of `columns` columns.
    pub fn new(columns: usize) -> Self {
        NumberTable {
            columns: columns.max(1),
            cells: Vec::new(),
        }
    }

    /// A table from rows.
    pub fn with_rows<const N: usize>(
        columns: usize,
        rows: impl IntoIterator<Item = [u32; N]>,
    ) -> Self {
        let mut table = NumberTable::new(columns);
        for row in rows {
            table.push(&row);
        }
        table
    }

    /// Appends a row (cut or padded with zeros to the column count).
    pub fn push(&mut self, row: &[u32]) {
        for column in 0..self.columns {
            self.cells.push(row.get(column).copied().unwrap_or(0));
        }
    }

    /// Digits per cell: enough for the largest number, at least one.
    pub fn width(&self) -> usize {
        let largest = self.cells.iter().copied().max().unwrap_or(0);
        format!("{largest:x}").len()
    }

    /// The cells as fixed-width lower-case hexadecimal, row after row.
    pub fn hex(&self) -> String {
        let width = self.width();
        let mut hex = String::with_capacity(self.cells.len() * width);
        for cell in &self.cells {
            hex.push_str(&format!("{cell:0width$x}"));
        }
        hex
    }

    /// `Table { hex: "…", width: W, columns: C }` (the generated crate's type, at `path`).
    pub fn tokens(&self, path: &TokenStream) -> TokenStream {
        let hex = Literal::string(&self.hex());
        let width = Literal::usize_unsuffixed(self.width());
        let columns = Literal::usize_unsuffixed(self.columns);
        quote! { #path Table { hex: #hex, width: #width, columns: #columns } }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_shared_and_numbers_fixed_width() {
        let mut pool = StringPool::default();
        assert_eq!(pool.id("Not found."), 1);
        assert_eq!(pool.id("创建失败"), 2);
        assert_eq!(pool.id("Not found."), 1);
        assert_eq!(pool.optional(None), 0);
        assert_eq!(pool.ends, [10, 22]);
        let table = NumberTable::with_rows(2, [[1, 300], [15, 0]]);
        assert_eq!(table.width(), 3);
        assert_eq!(table.hex(), "00112c00f000");
        assert_eq!(NumberTable::new(3).hex(), "");
    }
}
