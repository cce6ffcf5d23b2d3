//! One snapshot of `extract` per bundled article: every claim with all its
//! fields, as a reader would check it against the text.

use claimcheck::{corpus, Config, Extractor};

#[test]
fn extract_each_bundled_article() {
    let extractor = Extractor::new(&Config::builtin());
    insta::glob!("../../corpus", "*.md", |path| {
        let name = format!("corpus/{}", path.file_name().unwrap().to_string_lossy());
        let article = corpus::load(path, &name, 0).unwrap();
        let claims = extractor.extract(&article);
        crate::snapshot_settings().bind(|| insta::assert_yaml_snapshot!("extract", claims));
    });
}
