//! What a reader's browser shows: the built site served on 127.0.0.1, each page
//! loaded by headless Chromium (Debian's `chromium`, or `$CHROMIUM`), and the DOM it
//! holds once loaded, which is what the checks then read. An HTML check alone reads
//! what Jekyll wrote; the browser reads it as a reader gets it (the parser's
//! corrections, the portal's own scripts run).
//!
//! Hosts other than 127.0.0.1 resolve to nothing, so the portal's scripts and fonts
//! from CDNs fail at once instead of waiting for a network the check does not have.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one page may take to load and dump (a page takes 1 to 3 s).
const PAGE_TIMEOUT: Duration = Duration::from_secs(30);

/// The start of the error of a run that took longer.
const TIMED_OUT: &str = "chromium took over";

/// Serves `root` (Jekyll's `_site`) on 127.0.0.1 from a background thread for as long
/// as the process runs; returns the base URL.
pub fn serve(root: PathBuf) -> Result<String, String> {
    let server = tiny_http::Server::http("127.0.0.1:0").map_err(|e| e.to_string())?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or("the server has no IP address")?;
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let response = file_for(&root, request.url());
            let _ = match response {
                Some((bytes, kind)) => {
                    let header = tiny_http::Header::from_bytes("Content-Type", kind)
                        .expect("a valid header");
                    request.respond(tiny_http::Response::from_data(bytes).with_header(header))
                }
                None => request.respond(tiny_http::Response::empty(404)),
            };
        }
    });
    Ok(format!("http://127.0.0.1:{port}/"))
}

/// The file a URL path names under `root` (a directory's `index.html`), with its
/// content type; `None` for anything outside `root` or missing.
fn file_for(root: &Path, url: &str) -> Option<(Vec<u8>, &'static str)> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded: String = url::form_urlencoded::parse(format!("x={path}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())?;
    let relative = decoded.trim_start_matches('/');
    if relative.split('/').any(|s| s == "..") {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file.push("index.html");
    }
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    std::fs::read(&file).ok().map(|bytes| (bytes, kind))
}

/// A headless Chromium run with its own profile directory (concurrent runs must not
/// share one), removed when dropped.
pub struct Browser {
    profile: PathBuf,
}

impl Browser {
    pub fn new(n: usize) -> Browser {
        let profile =
            std::env::temp_dir().join(format!("portal-check-chromium-{}-{n}", std::process::id()));
        Browser { profile }
    }

    fn command(&self) -> Command {
        let binary = std::env::var_os("CHROMIUM").unwrap_or_else(|| "chromium".into());
        let mut cmd = Command::new(binary);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        ])
        .arg(format!("--user-data-dir={}", self.profile.display()))
        .stdin(Stdio::null())
        .stderr(Stdio::null());
        cmd
    }

    /// The DOM of the page at `url` once loaded, serialized. A run that hangs is
    /// tried once more: a headless Chromium now and then never ends a load (seen
    /// once in several hundred pages, on the first page of a fresh profile).
    pub fn dom(&self, url: &str) -> Result<String, String> {
        let dump = || {
            let mut cmd = self.command();
            cmd.arg("--dump-dom").arg(url);
            run(cmd)
        };
        let output = match dump() {
            Err(e) if e.starts_with(TIMED_OUT) => {
                eprintln!("note: {url}: {e}; trying once more");
                dump()?
            }
            result => result?,
        };
        String::from_utf8(output).map_err(|e| format!("the DOM is not UTF-8: {e}"))
    }

    /// A screenshot of the page at `url`, `width` by `height` pixels, into `png`.
    pub fn screenshot(&self, url: &str, png: &Path, width: u32, height: u32) -> Result<(), String> {
        let mut cmd = self.command();
        cmd.arg(format!("--screenshot={}", png.display()))
            .arg(format!("--window-size={width},{height}"))
            .arg(url);
        run(cmd).map(drop)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Runs `cmd` to its end (at most `PAGE_TIMEOUT`), returning its stdout.
fn run(mut cmd: Command) -> Result<Vec<u8>, String> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run chromium (install Debian's `chromium`): {e}"))?;
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut out).map(|_| out)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > PAGE_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{TIMED_OUT} {PAGE_TIMEOUT:?}"));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = reader
        .join()
        .map_err(|_| "reading chromium's output failed")?
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("chromium exited with {status}"));
    }
    Ok(out)
}

/// The DOM of every URL, two Chromium runs at a time.
pub fn doms(urls: &[String]) -> Vec<Result<String, String>> {
    let workers = 2;
    let mut results: Vec<Option<Result<String, String>>> = vec![None; urls.len()];
    std::thread::scope(|scope| {
        let chunks: Vec<_> = (0..workers)
            .map(|w| {
                scope.spawn(move || {
                    let browser = Browser::new(w);
                    (w..urls.len())
                        .step_by(workers)
                        .map(|i| (i, browser.dom(&urls[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for chunk in chunks {
            for (i, result) in chunk.join().expect("a browser thread") {
                results[i] = Some(result);
            }
        }
    });
    results
        .into_iter()
        .map(|r| r.expect("every URL loaded"))
        .collect()
}
