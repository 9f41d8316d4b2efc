//! The rules of pre-work links: a title and a plausible web address.

use super::super::Link;
use super::super::parse::{Seg, clean};
use super::super::problem::Problem;
use super::Issue;

use Seg::{Field, Index};

pub(super) fn check_links(links: &[Link], out: &mut Vec<Issue>) {
    for (l, link) in links.iter().enumerate() {
        if link.title.trim().is_empty() {
            out.push(Issue::error(
                &[Field("prework"), Index(l), Field("title")],
                Problem::LinkNoTitle(l + 1),
            ));
        }
        if !is_web_address(&link.url) {
            out.push(Issue::error(
                &[Field("prework"), Index(l), Field("url")],
                Problem::LinkNotWeb(clean(&link.url)),
            ));
        }
    }
}

/// `http://host…` or `https://host…` with a plausible host name and no spaces.
pub fn is_web_address(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => host_port,
    };
    !host.is_empty()
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !host.contains("..")
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses() {
        assert!(is_web_address("https://digiteket.se/"));
        assert!(is_web_address("https://digiteket.se"));
        assert!(is_web_address("http://localhost:8080/x?y#z"));
        assert!(!is_web_address("digiteket.se"));
        assert!(!is_web_address("https://"));
        assert!(!is_web_address("https:///x"));
        assert!(!is_web_address("https://a b.se/"));
        assert!(!is_web_address("ftp://x.se/"));
        assert!(!is_web_address("https://x..se/"));
    }
}
