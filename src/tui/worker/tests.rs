//! The worker loop against small loaders: answers, panics, refresh-all on a dead network.

use super::*;

struct Panicking;
impl Loader for Panicking {
    fn load(&mut self, _: &str, _: bool) -> Result<Loaded, String> {
        panic!("boom")
    }

    crate::no_library!();
}

#[test]
fn worker_answers_loads_and_survives_a_panicking_loader() {
    let (job_tx, job_rx) = std::sync::mpsc::channel();
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = std::thread::spawn(move || run_worker(Box::new(Panicking), job_rx, tx));
    job_tx
        .send(Effect::Load {
            id: 7,
            source: WELCOME.into(),
            offline: false,
        })
        .expect("send");
    match rx.recv().expect("answer") {
        Event::Msg(Msg::Loaded { id, result }) => {
            assert_eq!(id, 7);
            assert_eq!(
                result.err().as_deref(),
                Some("internal error while reading this post (details in the log)")
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    job_tx.send(Effect::Quit).expect("send");
    handle.join().expect("worker ends on Quit");
}

/// Refreshing fails as with the network down; counts the attempts.
struct Unreachable(std::sync::Arc<std::sync::atomic::AtomicUsize>);
impl Loader for Unreachable {
    fn load(&mut self, source: &str, _: bool) -> Result<Loaded, String> {
        load_local(source)
    }
    fn refresh_stored(&mut self, _: &str) -> Result<(), RefreshFailure> {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Err(RefreshFailure {
            text: "could not reach x.test".into(),
            network_down: true,
        })
    }

    crate::no_library!(keep refresh_stored);
}

#[test]
fn refresh_all_stops_trying_once_the_network_is_down() {
    let tries = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (job_tx, job_rx) = std::sync::mpsc::channel();
    let (tx, rx) = std::sync::mpsc::channel();
    let loader = Box::new(Unreachable(tries.clone()));
    let handle = std::thread::spawn(move || run_worker(loader, job_rx, tx));
    let urls = ["https://a.test/", "https://b.test/", "https://c.test/"];
    job_tx
        .send(Effect::RefreshPosts {
            urls: urls.iter().map(|u| u.to_string()).collect(),
        })
        .expect("send");
    job_tx.send(Effect::Quit).expect("send");
    handle.join().expect("worker ends");
    let msgs: Vec<String> = rx.try_iter().map(|e| format!("{e:?}")).collect();
    assert_eq!(tries.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert_eq!(msgs.len(), 5, "{msgs:?}");
    assert!(msgs[2].contains("done: 3, total: 3, failed: 3"), "{msgs:?}");
    assert!(
        msgs[3].contains("refreshed 0 of 3 · 3 not: could not reach x.test"),
        "{msgs:?}"
    );
    assert!(msgs[4].contains("Library"), "{msgs:?}");
}

#[test]
fn default_loader_answers_every_kind_of_source() {
    let welcome = DefaultLoader.load(WELCOME, false).expect("welcome loads");
    assert_eq!(welcome.post.url, WELCOME_URL);
    assert_eq!(
        DefaultLoader.load("https://x.test/", false),
        Err("this reader has no network (use StoreLoader)".to_string())
    );
    let err = DefaultLoader
        .load("/nonexistent/post.html", false)
        .expect_err("missing file");
    assert!(
        err.starts_with("cannot read /nonexistent/post.html"),
        "{err}"
    );
}

#[test]
fn a_file_is_decoded_by_its_meta_charset() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("latin1.html");
    let mut html = b"<html><head><meta charset=\"iso-8859-1\"><title>Caf".to_vec();
    html.extend_from_slice(&[0xe9]); // é in Latin-1
    html.extend_from_slice(b"</title></head><body><h1>Caf\xe9</h1><p>Text.</p></body></html>");
    std::fs::write(&path, html).expect("write");
    let loaded = load_local(&path.to_string_lossy()).expect("loads");
    assert_eq!(loaded.post.title, "Café");
}

/// Reads "three pages", telling the page progress hook as the pager does.
struct Paged;
impl Loader for Paged {
    fn load(&mut self, source: &str, _: bool) -> Result<Loaded, String> {
        // Known to be one page first (nothing to say yet), then three.
        crate::fetch::progress::report(1, 1);
        for done in 1..=3 {
            crate::fetch::progress::report(done, 3);
        }
        load_local(source)
    }

    crate::no_library!();
}

#[test]
fn page_progress_of_a_load_reaches_the_reader_before_the_post() {
    let (job_tx, job_rx) = std::sync::mpsc::channel();
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = std::thread::spawn(move || run_worker(Box::new(Paged), job_rx, tx));
    job_tx
        .send(Effect::Load {
            id: 4,
            source: WELCOME.into(),
            offline: false,
        })
        .expect("send");
    let mut pages = Vec::new();
    loop {
        match rx.recv().expect("answer") {
            Event::Msg(Msg::PageProgress { id, done, known }) => pages.push((id, done, known)),
            Event::Msg(Msg::Loaded { id, result }) => {
                assert_eq!(id, 4);
                assert!(result.is_ok());
                break;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(pages, vec![(4, 1, 3), (4, 2, 3), (4, 3, 3)]);
    job_tx.send(Effect::Quit).expect("send");
    handle.join().expect("worker ends on Quit");
}

#[test]
fn effects_route_to_the_main_loop_or_the_worker() {
    assert_eq!(
        Effect::Copy("u".into()).route(),
        Routed::Ui(UiEffect::Copy("u".into()))
    );
    assert_eq!(
        Effect::Edit("t".into()).route(),
        Routed::Ui(UiEffect::Edit("t".into()))
    );
    assert_eq!(Effect::Quit.route(), Routed::Ui(UiEffect::Quit));
    let Routed::Job(job) = Effect::LoadBlogs.route() else {
        panic!("LoadBlogs is the worker's");
    };
    assert_eq!(job.effect(), &Effect::LoadBlogs);
}

/// The reader sends jobs only, and the worker ends when their channel closes (no Quit job).
#[test]
fn the_worker_takes_jobs_and_ends_when_their_channel_closes() {
    let (job_tx, job_rx) = std::sync::mpsc::channel::<Job>();
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = std::thread::spawn(move || run_worker(Box::new(DefaultLoader), job_rx, tx));
    let Routed::Job(load) = (Effect::Load {
        id: 3,
        source: WELCOME.into(),
        offline: false,
    })
    .route() else {
        panic!("a load is a job");
    };
    job_tx.send(load).expect("send");
    drop(job_tx);
    handle.join().expect("the worker ends");
    let answers: Vec<Event> = rx.try_iter().collect();
    assert!(
        matches!(
            answers.as_slice(),
            [Event::Msg(Msg::Loaded {
                id: 3,
                result: Ok(_)
            })]
        ),
        "{answers:?}"
    );
}
