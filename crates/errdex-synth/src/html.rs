//! Whole HTML pages.

use super::*;

pub(super) struct Html<'r> {
    pub(super) out: String,
    pub(super) rng: &'r mut Rng,
}

impl Renderer for Html<'_> {
    fn title(&mut self, page: &Page) {
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{lang}\" xml:lang=\"{lang}\">\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n<meta name=\"DC.Identifier\" content=\"{topic}\">\n<title>{title}</title>\n</head>\n<body>\n<a name=\"{topic}\"></a><a name=\"{topic}\"></a>\n<h1 class=\"topictitle1\">{title}</h1>\n",
            lang = page.lang.pick("en-us", "zh-cn"),
            topic = page.topic,
            title = escape_html(&page.title)
        );
    }
    fn heading(&mut self, text: &str) {
        let _ = writeln!(
            self.out,
            "<div class=\"section\" id=\"section{}\"><h4 class=\"sectiontitle\">{}</h4></div>",
            self.rng.id(12),
            escape_html(text)
        );
    }
    fn para(&mut self, text: &str) {
        let _ = writeln!(self.out, "<p>{}</p>", escape_html(text));
    }
    fn request(&mut self, method: &str, path: &str) {
        let _ = writeln!(self.out, "<p>{method} {}</p>", escape_html(path));
    }
    fn table(&mut self, caption: &Caption, table: &Table) {
        html_table(
            &mut self.out,
            Some(&caption.line()),
            table,
            HtmlStyle::Page,
            self.rng,
        );
    }
    fn json(&mut self, json: &str) {
        let _ = writeln!(
            self.out,
            "<pre class=\"screen\">{}</pre>",
            escape_html(json)
        );
    }
    fn finish(mut self) -> String {
        self.out.push_str("</body>\n</html>\n");
        self.out
    }
}

pub(super) fn render_html(page: &Page, rng: &mut Rng) -> String {
    render(
        page,
        Html {
            out: String::new(),
            rng,
        },
    )
}
