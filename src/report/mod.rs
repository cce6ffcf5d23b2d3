//! RENDER: write the pipeline's results in the formats a user asks for.
//!
//! Takes finished data ([`Claim`](crate::Claim)s) and returns text; nothing
//! here extracts, groups or decides. One file a command's output.

pub mod extract;
