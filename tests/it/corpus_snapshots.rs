//! One snapshot of `extract` per bundled article.
