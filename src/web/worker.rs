//! The import worker: file parsing runs in a Web Worker so the page stays responsive, and
//! so a trap (a panic aborts on wasm32) or running out of memory while reading a hostile
//! file kills only the worker, never the page.
//!
//! The worker is the same wasm as the app, started by `public/import-worker.js`; `main`
//! sees it has no `window` and calls [`serve`] instead of mounting the UI. Messages are
//! JSON text of [`crate::core::import::session`]'s request and reply types, written and
//! read by [`crate::storage::wire`], except that the file's bytes travel as a transferred
//! `ArrayBuffer`.
//!
//! Where no worker can start — a page opened from `file://` (the single-file build), a page
//! marked `<meta name="planner-import" content="in-page">`, or a browser that refuses to
//! construct the worker — [`ImportRunner::InPage`] runs the same session on the page's own
//! thread instead. It has the same interface and delivers its replies asynchronously, so the
//! Import page's flow is the same; but it loses the crash isolation: a trap while reading a
//! file stops the whole app, not just a worker (see ARCHITECTURE.md).

use crate::core::import::session::{ImportSession, Reply, Request};
use crate::storage::wire::{self, WireError};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    DedicatedWorkerGlobalScope, ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType,
};

/// True when this wasm instance runs inside a worker rather than a page.
pub fn in_worker() -> bool {
    js_sys::global().dyn_into::<web_sys::Window>().is_err()
}

/// Worker side: answers requests until the page terminates the worker.
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let session = Rc::new(RefCell::new(ImportSession::default()));
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let reply = match decode_request(&event.data()) {
            Ok(request) => {
                let progress_scope = reply_scope.clone();
                let mut progress = move |reply: Reply| post(&progress_scope, &reply);
                super::timing::measure(timing_name(&request), || {
                    session.borrow_mut().handle(request, &mut progress)
                })
            }
            Err(problem) => Reply::Failed {
                message: problem.to_string(),
            },
        };
        post(&reply_scope, &reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&scope, &Reply::Ready);
}

/// The User Timing name of a request (the benchmark reads these).
fn timing_name(request: &Request) -> &'static str {
    match request {
        Request::Open { .. } => "worker:open",
        Request::ChooseSheet { .. } => "worker:choose-sheet",
        Request::Review { .. } => "worker:review",
        Request::Build { .. } => "worker:build",
    }
}

fn post(scope: &DedicatedWorkerGlobalScope, reply: &Reply) {
    let text = super::timing::measure("worker:encode-reply", || wire::encode_reply(reply))
        .unwrap_or_else(|_| {
            r#"{"Failed":{"message":"The file reader could not send its answer."}}"#.to_string()
        });
    // A failed post means the page has gone; there is no one left to tell.
    let _ = scope.post_message(&JsValue::from_str(&text));
}

/// A request is either JSON text, or `{ name, bytes }` for opening a file.
fn decode_request(data: &JsValue) -> Result<Request, ReaderError> {
    if let Some(text) = data.as_string() {
        return wire::decode_request(&text).map_err(ReaderError::Unreadable);
    }
    let name = js_sys::Reflect::get(data, &JsValue::from_str("name"))
        .ok()
        .and_then(|value| value.as_string())
        .unwrap_or_default();
    let bytes = js_sys::Reflect::get(data, &JsValue::from_str("bytes"))
        .map_err(|_| ReaderError::NoContents)?;
    let memory = js_sys::Reflect::get(data, &JsValue::from_str("memory"))
        .ok()
        .and_then(|value| value.as_string())
        .unwrap_or_default();
    Ok(open_request(name, &bytes, &memory))
}

/// `Request::Open` from a file's name, its bytes and the confirmed mappings as JSON.
fn open_request(file_name: String, bytes: &JsValue, memory_json: &str) -> Request {
    Request::Open {
        file_name,
        bytes: js_sys::Uint8Array::new(bytes).to_vec(),
        memory: wire::decode_memory(memory_json).unwrap_or_default(),
    }
}

/// Why a request could not reach the file reader, or be read there: each says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ReaderError {
    #[error("This browser could not start the file reader. Reload the page, then try again.")]
    CannotStart,
    #[error("The file could not be handed to the file reader. Choose it again.")]
    NotHandedOver,
    #[error("The file reader has stopped. Choose the file again.")]
    Stopped,
    #[error("The file reader is not running. Choose the file again.")]
    NotRunning,
    #[error("The file's contents did not arrive. Choose the file again.")]
    NoContents,
    /// A request could not be written for the reader.
    #[error("The request could not be sent to the file reader ({0}). Choose the file again.")]
    Unsendable(WireError),
    /// The reader could not read what the page sent.
    #[error("The file reader could not read the request ({0}). Choose the file again.")]
    Unreadable(WireError),
}

/// Page side: where the page's import requests are answered — the import worker, or, where
/// no worker can start, the page itself.
pub enum ImportRunner {
    /// A Web Worker: the page stays responsive and a crash kills only the worker.
    Worker(ImportWorker),
    /// The page's own thread (file://, the single-file build): no crash isolation.
    InPage(InPageSession),
}

impl ImportRunner {
    /// Starts the import worker, or the in-page session where a worker cannot run.
    /// `on_reply` gets every reply, always asynchronously, starting with `Reply::Ready`.
    pub fn spawn(on_reply: impl Fn(Reply) + 'static) -> ImportRunner {
        if worker_unavailable() {
            return ImportRunner::InPage(InPageSession::start(on_reply));
        }
        // `on_reply` moves into whichever runner starts, so share it.
        let on_reply: Rc<dyn Fn(Reply)> = Rc::new(on_reply);
        let for_worker = on_reply.clone();
        match ImportWorker::spawn(move |reply| for_worker(reply)) {
            Ok(worker) => ImportRunner::Worker(worker),
            Err(_) => ImportRunner::InPage(InPageSession::start(move |reply| on_reply(reply))),
        }
    }

    /// Sends a file's bytes to be opened, with the confirmed mappings as JSON.
    pub fn open(
        &self,
        file_name: &str,
        bytes: js_sys::ArrayBuffer,
        memory_json: &str,
    ) -> Result<(), ReaderError> {
        match self {
            ImportRunner::Worker(worker) => worker.open(file_name, bytes, memory_json),
            ImportRunner::InPage(session) => {
                session.handle(open_request(file_name.to_string(), &bytes, memory_json));
                Ok(())
            }
        }
    }

    /// Sends any other request.
    pub fn send(&self, request: &Request) -> Result<(), ReaderError> {
        match self {
            ImportRunner::Worker(worker) => worker.send(request),
            ImportRunner::InPage(session) => {
                session.handle(request.clone());
                Ok(())
            }
        }
    }
}

/// True where the import worker cannot run: pages opened from `file://` (module workers
/// cannot be loaded from there), and pages that say so with
/// `<meta name="planner-import" content="in-page">` (the single-file build, whose CSP
/// allows no worker even when it is served over HTTP).
fn worker_unavailable() -> bool {
    let Some(window) = web_sys::window() else {
        return true;
    };
    if window.location().protocol().ok().as_deref() == Some("file:") {
        return true;
    }
    window
        .document()
        .and_then(|document| {
            document
                .query_selector(r#"meta[name="planner-import"][content="in-page"]"#)
                .ok()
                .flatten()
        })
        .is_some()
}

/// The import session on the page's own thread. Each request is handled in a task of its
/// own, after yielding to the browser (so the "Working" state can paint), and its replies
/// are delivered from that task: never from inside `open`/`send`, exactly as the worker's
/// replies arrive later as messages.
pub struct InPageSession {
    session: Rc<RefCell<ImportSession>>,
    on_reply: Rc<dyn Fn(Reply)>,
}

impl InPageSession {
    fn start(on_reply: impl Fn(Reply) + 'static) -> InPageSession {
        let on_reply: Rc<dyn Fn(Reply)> = Rc::new(on_reply);
        let ready = on_reply.clone();
        leptos::task::spawn_local(async move { ready(Reply::Ready) });
        InPageSession {
            session: Rc::new(RefCell::new(ImportSession::default())),
            on_reply,
        }
    }

    fn handle(&self, request: Request) {
        let session = self.session.clone();
        let on_reply = self.on_reply.clone();
        leptos::task::spawn_local(async move {
            yield_to_browser().await;
            let reply = {
                let Ok(mut session) = session.try_borrow_mut() else {
                    on_reply(Reply::Failed {
                        message: "The file reader is busy. Wait for it to finish, then try again."
                            .into(),
                    });
                    return;
                };
                let mut progress = |reply: Reply| on_reply(reply);
                super::timing::measure(timing_name(&request), || {
                    session.handle(request, &mut progress)
                })
            };
            on_reply(reply);
        });
    }
}

/// Resolves on a fresh macrotask (`setTimeout(…, 0)`), so the browser can paint first.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window().map(|window| {
            window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
        });
        if !matches!(scheduled, Some(Ok(_))) {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Page side: a running import worker.
pub struct ImportWorker {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl ImportWorker {
    /// Starts a worker. `on_reply` gets every reply; if the worker dies (a trap, or out of
    /// memory) it gets a `Reply::Crashed`.
    pub fn spawn(on_reply: impl Fn(Reply) + 'static) -> Result<ImportWorker, ReaderError> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options("import-worker.js", &options)
            .map_err(|_| ReaderError::CannotStart)?;
        let on_reply = Rc::new(on_reply);
        let on_reply_message = on_reply.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let reply = event
                .data()
                .as_string()
                .and_then(|text| {
                    super::timing::measure("planner:reply-decode", || {
                        wire::decode_reply(&text).ok()
                    })
                })
                .unwrap_or(Reply::Failed {
                    message: "The file reader sent an answer we could not understand.".into(),
                });
            on_reply_message(reply);
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            on_reply(Reply::Crashed);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(ImportWorker {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a file's bytes to be opened, transferring (not copying) the buffer, with the
    /// confirmed mappings as JSON.
    pub fn open(
        &self,
        file_name: &str,
        bytes: js_sys::ArrayBuffer,
        memory_json: &str,
    ) -> Result<(), ReaderError> {
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"memory".into(), &JsValue::from_str(memory_json));
        let _ = js_sys::Reflect::set(&message, &"name".into(), &JsValue::from_str(file_name));
        let _ = js_sys::Reflect::set(&message, &"bytes".into(), &bytes);
        let transfer = js_sys::Array::of1(&bytes);
        self.worker
            .post_message_with_transfer(&message, &transfer)
            .map_err(|_| ReaderError::NotHandedOver)
    }

    /// Sends any other request.
    pub fn send(&self, request: &Request) -> Result<(), ReaderError> {
        let text = wire::encode_request(request).map_err(ReaderError::Unsendable)?;
        self.worker
            .post_message(&JsValue::from_str(&text))
            .map_err(|_| ReaderError::Stopped)
    }
}

impl Drop for ImportWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
