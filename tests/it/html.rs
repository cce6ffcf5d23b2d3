//! `report --format html`: one self-contained page, a chart for every group
//! with two or more dated members, text escaped, and a page Chromium renders
//! to a picture that is not blank.

use std::path::{Path, PathBuf};
use std::process::Command;

use claimcheck::report::{html::Html, Render};
use claimcheck::Config;

fn page(dir: &Path) -> (String, claimcheck::report::Report) {
    let config = Config::builtin();
    let run = claimcheck::extract_paths(&[dir.to_path_buf()], &config);
    let report = claimcheck::report(run, &config);
    (Html.render(&report), report)
}

#[test]
fn the_corpus_page_snapshot() {
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["report", "--format", "html"])
        .current_dir(crate::root())
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    crate::snapshot_settings().bind(|| insta::assert_snapshot!("report_html", html));
}

#[test]
fn every_group_with_two_dated_members_has_a_chart() {
    for dir in [
        crate::root().join("corpus"),
        crate::root().join("tests/data/findings"),
    ] {
        let (html, report) = page(&dir);
        for (n, g) in report.groups.iter().enumerate() {
            let start = html.find(&format!(r#"<section id="g{n}">"#)).unwrap();
            let end = start + html[start..].find("</section>").unwrap();
            let section = &html[start..end];
            let dated = g.claims.iter().filter(|c| c.date.is_some()).count();
            assert_eq!(
                section.contains("<svg"),
                dated >= 2,
                "group {} ({dated} dated)",
                g.key
            );
        }
    }
}

#[test]
fn the_page_is_self_contained() {
    let (html, _) = page(&crate::root().join("tests/data/findings"));
    for bad in [
        "<script", "<link", "<img", "@import", "url(", "src=", "<iframe",
    ] {
        assert!(!html.contains(bad), "found `{bad}`");
    }
    let hrefs: Vec<&str> = html.split("href=\"").skip(1).collect();
    assert!(
        hrefs.iter().all(|h| h.starts_with('#')),
        "only in-page links"
    );
    let external = html.matches("http").count();
    assert_eq!(
        external,
        html.matches("http://www.w3.org/2000/svg").count(),
        "no external resources"
    );
}

#[test]
fn article_text_is_escaped() {
    let dir = crate::scratch("html_escape");
    std::fs::write(
        dir.join("a.md"),
        "---\nsource: \"<b>Wire</b>\"\ndate: 2024-01-01\n---\nThe US has 2,500 troops in Iraq & <script>alert('x')</script> \"quoted\".\n",
    )
    .unwrap();
    let (html, _) = page(&dir);
    assert!(!html.contains("<script>") && !html.contains("<b>Wire"));
    assert!(html.contains("&lt;b&gt;Wire&lt;/b&gt;"));
    assert!(html.contains("Iraq &amp;"));
}

/// Chromium from the machine (Debian's package, installed by .ci/run).
fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|p| p.join(name))
                    .find(|p| p.is_file())
            })
        })
}

#[test]
fn chromium_renders_the_page_to_a_picture_that_is_not_blank() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium (.ci/run does)"
        );
        eprintln!("skipped: no chromium on this machine");
        return;
    };
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("chromium");
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let (html, _) = page(&crate::root().join("corpus"));
    let page_path = tmp.join("report.html");
    std::fs::write(&page_path, html).unwrap();
    let shot = tmp.join("report.png");
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1000,2400",
        ])
        .arg(format!("--user-data-dir={}", tmp.join("profile").display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page_path.display()))
        .output()
        .unwrap();
    assert!(
        shot.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let bytes = &buf[..info.buffer_size()];
    let channels = info.color_type.samples();
    let pixels = bytes.len() / channels;
    let white = bytes
        .chunks(channels)
        .filter(|p| p.iter().take(3).all(|&v| v > 245))
        .count();
    let coloured = bytes
        .chunks(channels)
        .filter(|p| {
            let (r, g, b) = (i32::from(p[0]), i32::from(p[1]), i32::from(p[2]));
            (r - g).abs() > 60 || (g - b).abs() > 60 || (r - b).abs() > 60
        })
        .count();
    assert_eq!((info.width, info.height), (1000, 2400));
    // Text, tables and charts: a good share of the page is not white, and
    // some of it is in colour (badges, chart marks).
    assert!(
        white < pixels * 97 / 100,
        "{white} of {pixels} pixels are white"
    );
    assert!(coloured > 500, "only {coloured} coloured pixels");
}
