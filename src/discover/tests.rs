use super::*;
use std::fs;

fn tree(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in files {
        let path = dir.path().join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "Title\n\nText.\n").unwrap();
    }
    dir
}

fn summary(discovery: &Discovery, root: &Path) -> Vec<(String, Vec<String>)> {
    let rel = |p: &Path| p.strip_prefix(root).unwrap().display().to_string();
    let mut groups: Vec<_> = discovery
        .groups
        .iter()
        .map(|g| {
            let source = g.source.as_ref().map_or("-".into(), |m| rel(&m.path));
            let translations = g
                .translations
                .iter()
                .map(|m| {
                    format!(
                        "{}={}",
                        rel(&m.path),
                        m.locale.as_ref().map_or("?".into(), |l| l.to_string())
                    )
                })
                .collect();
            (source, translations)
        })
        .collect();
    groups.sort();
    groups
}

#[test]
fn folder_per_article() {
    let dir = tree(&["post/en.md", "post/ar.md", "post/hi.txt", "other/en.md"]);
    let d = discover(&[dir.path().to_path_buf()], &Settings::default());
    assert_eq!(
        summary(&d, dir.path()),
        vec![(
            "post/en.md".into(),
            vec!["post/ar.md=ar".into(), "post/hi.txt=hi".into()]
        )]
    );
    assert_eq!(
        d.sources_without_translations,
        vec![dir.path().join("other/en.md")]
    );
}

#[test]
fn locale_suffix() {
    let dir = tree(&[
        "blog/post.md",
        "blog/post.ar.md",
        "blog/post.pt_BR.md",
        "blog/page.en.md",
        "blog/page.zh-Hans.md",
    ]);
    let d = discover(&[dir.path().to_path_buf()], &Settings::default());
    assert_eq!(
        summary(&d, dir.path()),
        vec![
            (
                "blog/page.en.md".into(),
                vec!["blog/page.zh-Hans.md=zh-Hans".into()]
            ),
            (
                "blog/post.md".into(),
                vec![
                    "blog/post.ar.md=ar".into(),
                    "blog/post.pt-BR.md=pt-BR".replace("pt-BR.md", "pt_BR.md")
                ]
            ),
        ]
    );
}

#[test]
fn locale_folder() {
    let dir = tree(&[
        "content/en/a/b.md",
        "content/ar/a/b.md",
        "content/ru/a/b.md",
        "notes/it/x.md",
    ]);
    let d = discover(&[dir.path().to_path_buf()], &Settings::default());
    let groups = summary(&d, dir.path());
    assert_eq!(
        groups[1],
        (
            "content/en/a/b.md".into(),
            vec!["content/ar/a/b.md=ar".into(), "content/ru/a/b.md=ru".into()]
        )
    );
    // `notes/it` has no `notes/en` beside it: not a locale folder.
    assert_eq!(groups[0], ("-".into(), vec!["notes/it/x.md=?".into()]));
}

#[test]
fn a_translation_given_alone_finds_its_source() {
    let dir = tree(&["post/en.txt", "post/hi.txt", "post/ar.txt"]);
    let d = discover(&[dir.path().join("post/hi.txt")], &Settings::default());
    assert_eq!(
        summary(&d, dir.path()),
        vec![("post/en.txt".into(), vec!["post/hi.txt=hi".into()])]
    );
}

#[test]
fn a_missing_source_is_reported_with_where_it_was_looked_for() {
    let dir = tree(&["post/hi.txt"]);
    let d = discover(&[dir.path().to_path_buf()], &Settings::default());
    let looked = d.groups[0].missing_source.as_ref().unwrap();
    assert_eq!(looked[0], dir.path().join("post/en.txt"));
}

#[test]
fn configured_patterns() {
    let dir = tree(&[
        "_articles/guide/start.md",
        "_articles/fr/guide/start.md",
        "_articles/ja/guide/start.md",
    ]);
    let settings = Settings::from_toml(
        "[[layout]]\nsource = \"_articles/{path}.md\"\ntranslation = \"_articles/{locale}/{path}.md\"\n",
        &dir.path().join("loclint.toml"),
        dir.path().to_path_buf(),
    )
    .unwrap();
    let d = discover(&[dir.path().to_path_buf()], &settings);
    assert_eq!(
        summary(&d, dir.path()),
        vec![(
            "_articles/guide/start.md".into(),
            vec![
                "_articles/fr/guide/start.md=fr".into(),
                "_articles/ja/guide/start.md=ja".into()
            ]
        )]
    );
}

#[test]
fn missing_paths_and_foreign_files_are_problems() {
    let dir = tree(&["a.png"]);
    let d = discover(
        &[dir.path().join("nope"), dir.path().join("a.png")],
        &Settings::default(),
    );
    assert_eq!(d.problems.len(), 2);
}

#[test]
fn a_source_given_alone_brings_its_translations() {
    let dir = tree(&[
        "post/en.txt",
        "post/hi.txt",
        "post/ar.txt",
        "blog/x.md",
        "blog/x.fr.md",
        "c/en/a.md",
        "c/ru/a.md",
    ]);
    let d = discover(
        &[
            dir.path().join("post/en.txt"),
            dir.path().join("blog/x.md"),
            dir.path().join("c/en/a.md"),
        ],
        &Settings::default(),
    );
    assert_eq!(
        summary(&d, dir.path()),
        vec![
            ("blog/x.md".into(), vec!["blog/x.fr.md=fr".into()]),
            ("c/en/a.md".into(), vec!["c/ru/a.md=ru".into()]),
            (
                "post/en.txt".into(),
                vec!["post/ar.txt=ar".into(), "post/hi.txt=hi".into()]
            ),
        ]
    );
    assert!(d.sources_without_translations.is_empty());
}

#[test]
fn a_regional_variant_of_the_source_language_is_a_translation() {
    let dir = tree(&[
        "post/en.txt",
        "post/en-GB.txt",
        "other/en-US.md",
        "other/ar.md",
    ]);
    let d = discover(&[dir.path().to_path_buf()], &Settings::default());
    assert_eq!(
        summary(&d, dir.path()),
        vec![
            ("other/en-US.md".into(), vec!["other/ar.md=ar".into()]),
            ("post/en.txt".into(), vec!["post/en-GB.txt=en-GB".into()]),
        ]
    );
}
