//! Steps 3–4 and 6: DOM elements with their source lines, an iterative walk, what elements
//! mean (blocks, headings, skipped), their text, topic ids and captions.

use super::*;

/// Identity of a DOM node for the line map: the address of its value, stable while the tree
/// lives.
pub(super) fn node_key(node: DomNode<'_>) -> usize {
    std::ptr::from_ref(node.value()) as usize
}

/// Maps each DOM element to the line of its start tag: the k-th element named `tr` in pre-order
/// is the k-th `<tr` of the scan (elements html5ever invents get no line).
pub(super) fn element_lines(html: &Html, tags: &[SourceTag]) -> FxHashMap<usize, u32> {
    let mut queues: FxHashMap<&str, VecDeque<u32>> = FxHashMap::default();
    for tag in tags.iter().filter(|tag| !tag.is_end) {
        queues
            .entry(tag.name.as_ref())
            .or_default()
            .push_back(tag.line);
    }
    let mut lines = FxHashMap::default();
    for node in html.tree.root().descendants() {
        if let Node::Element(element) = node.value()
            && let Some(line) = queues.get_mut(element.name()).and_then(VecDeque::pop_front)
        {
            lines.insert(node_key(node), line);
        }
    }
    lines
}

/// One step of an iterative depth-first walk.
#[derive(Clone, Copy)]
pub(super) enum Visit<'a> {
    /// Entering a node (before its children).
    Open(DomNode<'a>),
    /// Leaving a node (after its children).
    Close(DomNode<'a>),
}

/// Whether a walk enters the children of the node just opened.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Descend {
    Yes,
    No,
}

/// Walks `root` and its descendants depth-first without recursion, calling `visit` on entering
/// and leaving each node; `Descend::No` from an `Open` skips that node's children.
pub(super) fn walk_tree<'a>(root: DomNode<'a>, mut visit: impl FnMut(Visit<'a>) -> Descend) {
    let mut node = root;
    loop {
        if visit(Visit::Open(node)) == Descend::Yes
            && let Some(child) = node.first_child()
        {
            node = child;
            continue;
        }
        loop {
            visit(Visit::Close(node));
            if node == root {
                return;
            }
            if let Some(sibling) = node.next_sibling() {
                node = sibling;
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return,
            }
        }
    }
}

/// Elements whose content is never text a reader sees.
pub(super) fn is_skipped(name: &str) -> bool {
    matches!(name, "script" | "style" | "noscript" | "template")
}

/// Elements that start a new block (a new piece inside a cell, a new paragraph elsewhere).
/// A `match`, not a list: it is asked twice for every element of every page.
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "ul"
    )
}

pub(super) fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// The text of a node in the IR cell convention: one piece per block element (paragraph, list
/// item, note, nested-table cell) or `<br>`, joined by `'\n'`, whitespace folded in each piece.
pub(super) fn pieces_text(root: DomNode<'_>) -> String {
    let mut raw = String::new();
    let mut pre_depth = 0usize;
    walk_tree(root, |visit| match visit {
        Visit::Open(node) => match node.value() {
            Node::Text(text) if pre_depth > 0 => {
                raw.push_str(text);
                Descend::Yes
            }
            Node::Text(text) => {
                raw.extend(
                    text.chars()
                        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
                );
                Descend::Yes
            }
            Node::Element(element) => {
                let name = element.name();
                if is_skipped(name) {
                    return Descend::No;
                }
                if name == "br" || is_block(name) {
                    raw.push('\n');
                }
                if name == "pre" {
                    pre_depth += 1;
                }
                Descend::Yes
            }
            _ => Descend::Yes,
        },
        Visit::Close(node) => {
            if let Node::Element(element) = node.value() {
                let name = element.name();
                if name == "pre" {
                    pre_depth = pre_depth.saturating_sub(1);
                }
                if is_block(name) && !is_skipped(name) {
                    raw.push('\n');
                }
            }
            Descend::Yes
        }
    });
    cells::fold_pieces(&raw)
}

/// The text of a node as one line (headings, captions).
pub(super) fn inline_text(node: DomNode<'_>) -> String {
    cells::fold_whitespace(&pieces_text(node))
}

/// The text of a `<pre>` exactly as written (`<br>` as a line break), without trailing newlines.
pub(super) fn preformatted_text(root: DomNode<'_>) -> String {
    let mut text = String::new();
    walk_tree(root, |visit| {
        if let Visit::Open(node) = visit {
            match node.value() {
                Node::Text(chunk) => text.push_str(chunk),
                Node::Element(element) if is_skipped(element.name()) => return Descend::No,
                Node::Element(element) if element.name() == "br" => text.push('\n'),
                _ => {}
            }
        }
        Descend::Yes
    });
    text.trim_end_matches(['\n', '\r']).to_string()
}

/// The language a code block declares through a class such as `language-json` or `lang-json`,
/// on the `<pre>` or on a `<code>` inside it.
pub(super) fn code_language(pre: DomNode<'_>) -> Option<String> {
    let from_classes = |element: &Element| {
        element.classes().find_map(|class| {
            class
                .strip_prefix("language-")
                .or_else(|| class.strip_prefix("lang-"))
                .filter(|language| !language.is_empty())
                .map(str::to_ascii_lowercase)
        })
    };
    pre.value().as_element().and_then(from_classes).or_else(|| {
        pre.descendants()
            .filter_map(|node| node.value().as_element())
            .filter(|element| element.name() == "code")
            .find_map(from_classes)
    })
}

/// True when an anchor name looks like a documentation topic id: words joined by `_`, ending in
/// digits (`sdrs_05_0901`, `EN-US_TOPIC_0071888297`), not a generated `section123` or `p98`.
pub(crate) fn is_topic_id(name: &str) -> bool {
    static TOPIC_ID: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[A-Za-z][A-Za-z0-9-]*(?:_[A-Za-z0-9-]+)*_[0-9]{2,}$").expect("valid regex")
    });
    TOPIC_ID.is_match(name)
}

/// The first topic-like `name`/`id` of an `<a>` inside `heading`, of the heading itself, or of
/// the empty anchors written just before it (`<a name="ecs_02_0901"></a><h1>…`, as exported
/// pages do).
pub(super) fn heading_topic_id(heading: DomNode<'_>) -> Option<String> {
    let inside = heading
        .descendants()
        .filter_map(|node| node.value().as_element())
        .filter(|element| element.name() == "a");
    let own = heading.value().as_element().into_iter();
    let before = heading
        .prev_siblings()
        .take_while(|node| match node.value() {
            Node::Text(text) => text.trim().is_empty(),
            Node::Element(element) => element.name() == "a" && inline_text(*node).is_empty(),
            _ => true,
        })
        .filter_map(|node| node.value().as_element());
    inside
        .chain(own)
        .chain(before)
        .flat_map(|element| [element.attr("name"), element.attr("id")])
        .flatten()
        .find(|name| is_topic_id(name))
        .map(str::to_string)
}

/// Gives each table without a caption the text of the paragraph just before it when that
/// paragraph reads like a caption (`Table 1 Failure causes`). The paragraph stays a block too.
pub(crate) fn attach_captions(blocks: &mut [Block]) {
    for index in 1..blocks.len() {
        let caption = match &blocks[index - 1].kind {
            BlockKind::Paragraph { text } if crate::shapes::is_table_caption(text) => text.clone(),
            _ => continue,
        };
        if let BlockKind::Table(table) = &mut blocks[index].kind
            && table.caption.is_none()
        {
            table.caption = Some(caption);
        }
    }
}
