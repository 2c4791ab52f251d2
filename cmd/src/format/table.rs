//! Column alignment exactly like Go's `text/tabwriter` with docker's settings
//! (`tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`): cells are terminated by `\t`, every column
//! is as wide as its widest cell plus 3 spaces (at least 10), and the last cell of a line (the
//! text after the final tab) is printed as is, so lines carry no trailing padding.

/// A tab-separated text aligner with Go tabwriter semantics (left aligned, space padded).
#[derive(Debug, Clone, Copy)]
pub struct TabWriter {
    /// Minimal width of a column, padding included.
    pub minwidth: usize,
    /// Spaces added to the widest cell of a column.
    pub padding: usize,
}

/// Docker's table settings: minwidth 10, padding 3.
pub const DOCKER: TabWriter = TabWriter {
    minwidth: 10,
    padding: 3,
};

/// podman's table settings for `top`: minwidth 12, padding 2.
pub const PODMAN: TabWriter = TabWriter {
    minwidth: 12,
    padding: 2,
};

impl TabWriter {
    /// Aligns `text` (lines separated by `\n`, cells by `\t`) and returns the result.
    pub fn align(&self, text: &str) -> String {
        let ends_with_newline = text.ends_with('\n');
        let body = text.strip_suffix('\n').unwrap_or(text);
        let lines: Vec<Vec<&str>> = body.split('\n').map(|l| l.split('\t').collect()).collect();
        let mut out = String::with_capacity(text.len() * 2);
        let mut widths = Vec::new();
        self.format(&lines, 0, lines.len(), &mut widths, &mut out);
        if !ends_with_newline {
            out.pop();
        }
        out
    }

    /// Go's recursive column-block algorithm: a column's width is computed over the run of
    /// consecutive lines that have a tab-terminated cell in that column.
    fn format(
        &self,
        lines: &[Vec<&str>],
        mut line0: usize,
        line1: usize,
        widths: &mut Vec<usize>,
        out: &mut String,
    ) {
        let column = widths.len();
        let mut this = line0;
        while this < line1 {
            if column + 1 >= lines[this].len() {
                this += 1;
                continue;
            }
            self.write_lines(&lines[line0..this], widths, out);
            line0 = this;
            let mut width = self.minwidth;
            while this < line1 && column + 1 < lines[this].len() {
                width = width.max(cell_width(lines[this][column]) + self.padding);
                this += 1;
            }
            widths.push(width);
            self.format(lines, line0, this, widths, out);
            widths.pop();
            line0 = this;
        }
        self.write_lines(&lines[line0..line1], widths, out);
    }

    fn write_lines(&self, lines: &[Vec<&str>], widths: &[usize], out: &mut String) {
        for line in lines {
            for (j, cell) in line.iter().enumerate() {
                out.push_str(cell);
                if j + 1 < line.len() {
                    let w = widths.get(j).copied().unwrap_or(0);
                    let pad = w.saturating_sub(cell_width(cell));
                    out.push_str(&" ".repeat(pad));
                }
            }
            out.push('\n');
        }
    }
}

fn cell_width(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_ps_layout() {
        let text =
            "CONTAINER ID\tIMAGE\tCOMMAND\tNAMES\n4c01db0b339c\tubuntu:22.04\t\"bash\"\tweb\n";
        let want = "CONTAINER ID   IMAGE          COMMAND   NAMES\n\
                    4c01db0b339c   ubuntu:22.04   \"bash\"    web\n";
        assert_eq!(DOCKER.align(text), want);
    }

    #[test]
    fn minwidth_applies_to_short_columns() {
        assert_eq!(DOCKER.align("A\tB\n"), "A         B\n");
    }

    #[test]
    fn last_cell_not_padded_and_short_lines_end_blocks() {
        let text = "a\tb\tc\nxx\ty\nlong line\nq\tr\n";
        let want = "a         b         c\nxx        y\nlong line\nq         r\n";
        assert_eq!(DOCKER.align(text), want);
    }

    #[test]
    fn wide_cells_grow_the_column() {
        let text = "NAME\tX\nabcdefghijkl\t1\n";
        assert_eq!(DOCKER.align(text), "NAME           X\nabcdefghijkl   1\n");
    }

    #[test]
    fn trailing_tab_pads_the_last_column_cell() {
        assert_eq!(DOCKER.align("a\t\n"), "a         \n");
    }

    #[test]
    fn unicode_width_is_counted_in_chars() {
        assert_eq!(DOCKER.align("é\tb\nab\tc\n"), "é         b\nab        c\n");
    }

    #[test]
    fn no_trailing_newline_is_kept() {
        assert_eq!(DOCKER.align("a\tb"), "a         b");
    }
}
