//! A small HTTP/1.1 server on a local port, started by a test, serving what the test
//! puts at each path: pages with any status and content type, redirects, a body that
//! never ends, and a body of any size.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the server answers at a path.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A complete response.
    Page {
        status: u16,
        content_type: String,
        body: Vec<u8>,
    },
    /// A 302 to another address.
    Redirect(String),
    /// An HTML response whose body keeps coming, a few bytes at a time, for a minute.
    Trickle,
    /// An HTML response of `bytes` bytes, written as fast as the client reads.
    Huge { bytes: usize },
}

impl Reply {
    /// A 200 HTML page.
    pub fn html(body: impl Into<Vec<u8>>) -> Reply {
        Reply::Page {
            status: 200,
            content_type: "text/html; charset=utf-8".into(),
            body: body.into(),
        }
    }
}

/// A running server; it stops serving when the test process ends.
pub struct Server {
    addr: SocketAddr,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
}

impl Server {
    /// Starts a server on a free local port.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
        let addr = listener.local_addr().expect("its address");
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let shared = Arc::clone(&routes);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let routes = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = answer(stream, &routes);
                });
            }
        });
        Server { addr, routes }
    }

    /// Serves `reply` at `path` (replacing what was there).
    pub fn set(&self, path: &str, reply: Reply) {
        self.routes
            .lock()
            .expect("routes")
            .insert(path.to_string(), reply);
    }

    /// The full URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

fn answer(stream: TcpStream, routes: &Mutex<HashMap<String, Reply>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let reply = routes.lock().expect("routes").get(&path).cloned();
    let mut out = stream;
    match reply {
        None => write_page(
            &mut out,
            404,
            "text/html",
            b"<html><body>Not found</body></html>",
        ),
        Some(Reply::Page {
            status,
            content_type,
            body,
        }) => write_page(&mut out, status, &content_type, &body),
        Some(Reply::Redirect(to)) => write!(
            out,
            "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
        Some(Reply::Trickle) => {
            write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body>"
            )?;
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(60) {
                out.write_all(b"<p>more</p>")?;
                out.flush()?;
                std::thread::sleep(Duration::from_millis(100));
            }
            Ok(())
        }
        Some(Reply::Huge { bytes }) => {
            write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {bytes}\r\nConnection: close\r\n\r\n"
            )?;
            let chunk = "<p>The council spent 4.2 million on roads in 2014.</p>\n".repeat(1000);
            let mut left = bytes;
            while left > 0 {
                let n = left.min(chunk.len());
                out.write_all(&chunk.as_bytes()[..n])?;
                left -= n;
            }
            Ok(())
        }
    }
}

fn write_page(
    out: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
) -> std::io::Result<()> {
    write!(
        out,
        "HTTP/1.1 {status} Status\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    out.write_all(body)?;
    out.flush()
}
