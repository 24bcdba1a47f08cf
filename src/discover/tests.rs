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

/// Each group as (source, translations), a translation as `path=locale`, with ` (evidence)`
/// for the members read only to judge the others.
fn summary(discovery: &Discovery, root: &Path) -> Vec<(String, Vec<String>)> {
    let rel = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .display()
            .to_string()
            .replace('\\', "/")
    };
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
                        "{}={}{}",
                        rel(&m.path),
                        m.locale.as_ref().map_or("?".into(), |l| l.to_string()),
                        if m.reported { "" } else { " (evidence)" }
                    )
                })
                .collect();
            (source, translations)
        })
        .collect();
    groups.sort();
    groups
}

fn discover_in(dir: &tempfile::TempDir) -> Discovery {
    discover(&[dir.path().to_path_buf()], &Settings::default())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn folder_per_article() {
    let dir = tree(&["post/en.md", "post/ar.md", "post/hi.txt", "other/en.md"]);
    let d = discover_in(&dir);
    assert_eq!(
        summary(&d, dir.path()),
        vec![(
            "post/en.md".into(),
            strings(&["post/ar.md=ar", "post/hi.txt=hi"])
        )]
    );
    // A source in a walked tree with no translation is no concern; given by name, it is listed.
    assert!(d.sources_without_translations.is_empty());
    let given = discover(&[dir.path().join("other/en.md")], &Settings::default());
    assert_eq!(
        given.sources_without_translations,
        vec![tidy(&dir.path().join("other/en.md"))]
    );
}

#[test]
fn a_folder_per_article_locale_file_needs_its_source_beside_it() {
    // A command reference: `pages/common/ar.md` documents the `ar` command.
    let dir = tree(&["pages/common/ar.md", "pages/common/tar.md"]);
    let d = discover_in(&dir);
    assert_eq!(
        summary(&d, dir.path()),
        vec![
            ("-".into(), strings(&["pages/common/ar.md=?"])),
            ("-".into(), strings(&["pages/common/tar.md=?"])),
        ]
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
        "README.md",
        "README.zh-CN.md",
        "README.fa-FA.md",
    ]);
    let d = discover_in(&dir);
    assert_eq!(
        summary(&d, dir.path()),
        vec![
            (
                "README.md".into(),
                strings(&["README.fa-FA.md=fa-FA", "README.zh-CN.md=zh-CN"])
            ),
            (
                "blog/page.en.md".into(),
                strings(&["blog/page.zh-Hans.md=zh-Hans"])
            ),
            (
                "blog/post.md".into(),
                strings(&["blog/post.ar.md=ar", "blog/post.pt_BR.md=pt-BR"])
            ),
        ]
    );
}

#[test]
fn dash_suffix_needs_its_source_beside_it() {
    let dir = tree(&[
        "README.md",
        "README-ja.md",
        "README-zh-Hant.md",
        "README-pt.md",
        "no-client-only-hint.mdx",
        "az-account.md",
        "my-post.md",
        "my-post-ar.md",
    ]);
    let d = discover_in(&dir);
    assert_eq!(
        summary(&d, dir.path()),
        vec![
            ("-".into(), strings(&["az-account.md=?"])),
            ("-".into(), strings(&["no-client-only-hint.mdx=?"])),
            (
                "README.md".into(),
                strings(&[
                    "README-ja.md=ja",
                    "README-pt.md=pt",
                    "README-zh-Hant.md=zh-Hant"
                ])
            ),
            ("my-post.md".into(), strings(&["my-post-ar.md=ar"])),
        ]
    );
}

#[test]
fn folder_suffix() {
    let dir = tree(&[
        "pages/common/tar.md",
        "pages/linux/ar.md",
        "pages.ja/common/tar.md",
        "pages.zh_TW/common/tar.md",
        "pages.ja/linux/ar.md",
    ]);
    let d = discover_in(&dir);
    assert_eq!(
        summary(&d, dir.path()),
        vec![
            (
                "pages/common/tar.md".into(),
                strings(&[
                    "pages.ja/common/tar.md=ja",
                    "pages.zh_TW/common/tar.md=zh-TW"
                ])
            ),
            (
                "pages/linux/ar.md".into(),
                strings(&["pages.ja/linux/ar.md=ja"])
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
    let d = discover_in(&dir);
    let groups = summary(&d, dir.path());
    assert_eq!(
        groups[1],
        (
            "content/en/a/b.md".into(),
            strings(&["content/ar/a/b.md=ar", "content/ru/a/b.md=ru"])
        )
    );
    // `notes/it` has no `notes/en` beside it: not a locale folder.
    assert_eq!(groups[0], ("-".into(), strings(&["notes/it/x.md=?"])));
}

#[test]
fn source_at_the_root_with_locale_folders_beside_it() {
    let dir = tree(&[
        "docs/guide.mdx",
        "docs/start/install.md",
        "docs/ja/guide.mdx",
        "docs/ja/start/install.md",
        "docs/pt-BR/guide.mdx",
        "_articles/x.md",
        "_articles/fr/x.md",
        // `ml` is a language code, but this folder holds no mirror of `docs/`.
        "docs/ml/training.md",
        "docs/ml/guide.md",
        "docs/ml/models.md",
    ]);
    let d = discover_in(&dir);
    assert_eq!(
        summary(&d, dir.path()),
        vec![
            ("-".into(), strings(&["docs/ml/guide.md=?"])),
            ("-".into(), strings(&["docs/ml/models.md=?"])),
            ("-".into(), strings(&["docs/ml/training.md=?"])),
            ("_articles/x.md".into(), strings(&["_articles/fr/x.md=fr"])),
            (
                "docs/guide.mdx".into(),
                strings(&["docs/ja/guide.mdx=ja", "docs/pt-BR/guide.mdx=pt-BR"])
            ),
            (
                "docs/start/install.md".into(),
                strings(&["docs/ja/start/install.md=ja"])
            ),
        ]
    );
}

#[test]
fn unknown_locale_codes_are_reported_not_read_as_english() {
    let dir = tree(&[
        "content/en/a.md",
        "content/ar/a.md",
        "content/x-pirate/a.md",
        "content/x-pirate/b.md",
        "content/qaa/a.md",
        "post.md",
        "post.zz.md",
    ]);
    let d = discover_in(&dir);
    let mut messages: Vec<String> = d
        .problems
        .iter()
        .map(|p| {
            format!(
                "{}: {}",
                p.path.strip_prefix(dir.path()).unwrap_or(&p.path).display(),
                p.message.split(':').next().unwrap()
            )
        })
        .collect();
    messages.sort();
    assert_eq!(
        messages,
        vec![
            "content/qaa/a.md: `qaa` names no language loclint can check (it is not a registered BCP 47 tag, or it is private use)",
            "content/x-pirate/a.md: `x-pirate` names no language loclint can check (it is not a registered BCP 47 tag, or it is private use)",
            "post.zz.md: `zz` names no language loclint can check (it is not a registered BCP 47 tag, or it is private use)",
        ]
    );
    assert!(d
        .problems
        .iter()
        .any(|p| p.message.contains("and 1 more were")));
    // None of them is checked as if it were English, or as anything else.
    assert_eq!(
        summary(&d, dir.path()),
        vec![
            ("-".into(), strings(&["post.md=?"])),
            ("content/en/a.md".into(), strings(&["content/ar/a.md=ar"]))
        ]
    );
}

#[test]
fn a_translation_given_alone_is_judged_beside_its_whole_group() {
    let dir = tree(&["post/en.txt", "post/hi.txt", "post/ar.txt"]);
    let d = discover(&[dir.path().join("post/hi.txt")], &Settings::default());
    assert_eq!(
        summary(&d, dir.path()),
        vec![(
            "post/en.txt".into(),
            strings(&["post/ar.txt=ar (evidence)", "post/hi.txt=hi"])
        )]
    );
    let dir = tree(&["docs/a.mdx", "docs/ja/a.mdx", "docs/fr/a.mdx"]);
    let d = discover(&[dir.path().join("docs/ja/a.mdx")], &Settings::default());
    assert_eq!(
        summary(&d, dir.path()),
        vec![(
            "docs/a.mdx".into(),
            strings(&["docs/fr/a.mdx=fr (evidence)", "docs/ja/a.mdx=ja"])
        )]
    );
}

#[test]
fn a_locale_folder_given_alone_reads_the_other_locales_as_evidence() {
    let dir = tree(&["c/en/a.md", "c/ar/a.md", "c/ru/a.md"]);
    let d = discover(&[dir.path().join("c/ar")], &Settings::default());
    assert_eq!(
        summary(&d, dir.path()),
        vec![(
            "c/en/a.md".into(),
            strings(&["c/ar/a.md=ar", "c/ru/a.md=ru (evidence)"])
        )]
    );
}

#[test]
fn a_missing_source_is_reported_with_where_it_was_looked_for() {
    let dir = tree(&["post.hi.txt", "c/en/x.md", "c/ar/y.md"]);
    let d = discover_in(&dir);
    let looked: Vec<String> = d
        .groups
        .iter()
        .filter_map(|g| g.missing_source.as_ref())
        .map(|looked| {
            looked[0]
                .strip_prefix(dir.path())
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(looked, vec!["c/en/y.md", "post.en.txt"]);
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
            strings(&[
                "_articles/fr/guide/start.md=fr",
                "_articles/ja/guide/start.md=ja"
            ])
        )]
    );
    // A changed source under a pattern finds its translations.
    let d = discover(&[dir.path().join("_articles/guide/start.md")], &settings);
    assert_eq!(
        summary(&d, dir.path()),
        vec![(
            "_articles/guide/start.md".into(),
            strings(&[
                "_articles/fr/guide/start.md=fr",
                "_articles/ja/guide/start.md=ja"
            ])
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
        "README.md",
        "README-ja.md",
        "docs/a.mdx",
        "docs/ko/a.mdx",
    ]);
    let d = discover(
        &[
            dir.path().join("post/en.txt"),
            dir.path().join("blog/x.md"),
            dir.path().join("c/en/a.md"),
            dir.path().join("README.md"),
            dir.path().join("docs/a.mdx"),
        ],
        &Settings::default(),
    );
    assert_eq!(
        summary(&d, dir.path()),
        vec![
            ("README.md".into(), strings(&["README-ja.md=ja"])),
            ("blog/x.md".into(), strings(&["blog/x.fr.md=fr"])),
            ("c/en/a.md".into(), strings(&["c/ru/a.md=ru"])),
            ("docs/a.mdx".into(), strings(&["docs/ko/a.mdx=ko"])),
            (
                "post/en.txt".into(),
                strings(&["post/ar.txt=ar", "post/hi.txt=hi"])
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
    let d = discover_in(&dir);
    assert_eq!(
        summary(&d, dir.path()),
        vec![
            ("other/en-US.md".into(), strings(&["other/ar.md=ar"])),
            ("post/en.txt".into(), strings(&["post/en-GB.txt=en-GB"])),
        ]
    );
}

#[test]
fn paths_are_relative_to_where_loclint_runs() {
    assert_eq!(tidy(Path::new("./a/b.md")), PathBuf::from("a/b.md"));
    assert_eq!(tidy(Path::new(".")), PathBuf::from("."));
    let cwd = std::env::current_dir().unwrap();
    assert_eq!(tidy(&cwd.join("x/y.md")), PathBuf::from("x/y.md"));
}

#[test]
fn registered_tags_only() {
    use crate::locale::TagCheck;
    for (raw, expected) in [
        ("pt_br", TagCheck::Known(Locale::parse("pt-BR").unwrap())),
        ("fa-FA", TagCheck::Known(Locale::parse("fa-FA").unwrap())),
        ("no-client", TagCheck::NotATag),
        ("az-account", TagCheck::NotATag),
        ("readme", TagCheck::NotATag),
        ("zz", TagCheck::Unknown("zz".into())),
        ("x-pirate", TagCheck::Unknown("x-pirate".into())),
        ("und", TagCheck::Unknown("und".into())),
    ] {
        assert_eq!(Locale::check(raw), expected, "{raw}");
    }
}
