<?php
// Seeds the test blog (run through wp-eval.php by scripts/wp-local.sh `up`).
// Fixed dates in 2024 and IPs in 203.0.113.0/24, so the flood check never trips on them.
// On a fresh install the ids are fixed: posts 4-8; comments 2–13 on post 4, 14 on post 5,
// 15–44 on post 6, 45–51 on post 7, 52–53 on post 8; the first comment posted afterwards gets 54.
// Posting tests should post to post 8 (/2024/04/27/reply-target-fixture/) and leave 4-7 alone. The expected trees are in scripts/wp/expected-*.json (written by hand).
// Idempotent: does nothing when the option `wplocal_seeded` is set.
if (get_option('wplocal_seeded')) {
    echo "seed: already seeded\n";
    return;
}

switch_theme('twentytwentyone');
update_option('blogname', 'Parlor Test Blog');
update_option('blogdescription', 'A WordPress for parlor tests');
update_option('thread_comments', 1);
update_option('thread_comments_depth', 5);
update_option('page_comments', 1);
update_option('comments_per_page', 10);
update_option('default_comments_page', 'newest');
update_option('comment_order', 'asc');
update_option('comment_previously_approved', getenv('WP_LOCAL_AUTO_APPROVE') === '1' ? 0 : 1);
update_option('timezone_string', '');
update_option('gmt_offset', 0);
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%day%/%postname%/');
$wp_rewrite->flush_rules(false);

function wplocal_fail($msg) {
    fwrite(STDERR, "seed: $msg\n");
    exit(1);
}

function wplocal_post($want_id, $title, $slug, $date, $content, $comment_status) {
    $id = wp_insert_post([
        'import_id' => $want_id,
        'post_title' => $title,
        'post_name' => $slug,
        'post_content' => $content,
        'post_status' => 'publish',
        'post_author' => 1,
        'post_date' => $date,
        'post_date_gmt' => $date,
        'comment_status' => $comment_status,
        'ping_status' => 'closed',
    ], true);
    if (is_wp_error($id) || (int) $id !== $want_id) {
        wplocal_fail("post '$title' got id " . (is_wp_error($id) ? $id->get_error_message() : $id) . ", expected $want_id (state not fresh? run reset)");
    }
    return $id;
}

// [want_id, parent_id, author, email, url, date, ip, content, extra]
function wplocal_comment($post, $c) {
    [$want, $parent, $author, $email, $url, $date, $ip, $content] = $c;
    $extra = $c[8] ?? [];
    $data = array_merge([
        'comment_post_ID' => $post,
        'comment_parent' => $parent,
        'comment_author' => $author,
        'comment_author_email' => $email,
        'comment_author_url' => $url,
        'comment_author_IP' => $ip,
        'comment_agent' => 'wp-local seed',
        'comment_date' => $date,
        'comment_date_gmt' => $date,
        'comment_content' => $content,
        'comment_approved' => 1,
        'comment_type' => 'comment',
        'user_id' => 0,
    ], $extra);
    $id = wp_insert_comment(wp_slash($data));
    if ((int) $id !== $want) {
        wplocal_fail("comment by $author got id " . var_export($id, true) . ", expected $want (state not fresh? run reset)");
    }
}

$content4 = <<<'HTML'
<!-- wp:paragraph -->
<p>This post is the fixture for threaded comments. It has a few paragraphs, a heading, a list, a quote, a code block and <a href="https://example.test/docs/threading">a link to the threading docs</a>.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>The second paragraph has <strong>strong words</strong>, <em>emphasis</em> and <code>inline_code()</code>.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2>What the thread contains</h2>
<!-- /wp:heading -->

<!-- wp:list -->
<ul><li>A reply chain four levels deep</li><li>A comment with two replies</li><li>A reply from the post author</li><li>Unicode, emoji and a pingback</li></ul>
<!-- /wp:list -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><p>Comments are the conversation that happens after the post.</p><cite>A reader</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:code -->
<pre class="wp-block-code"><code>fn main() {
    println!("hello, thread");
}</code></pre>
<!-- /wp:code -->

<!-- wp:paragraph -->
<p>The last paragraph ends the article.</p>
<!-- /wp:paragraph -->
HTML;

$p4 = wplocal_post(4, 'Threaded comments fixture', 'threaded-comments-fixture', '2024-05-01 10:00:00', $content4, 'open');
$p5 = wplocal_post(5, 'Comments closed fixture', 'comments-closed-fixture', '2024-04-30 10:00:00',
    "<!-- wp:paragraph -->\n<p>Comments on this post are closed.</p>\n<!-- /wp:paragraph -->", 'closed');
$p6 = wplocal_post(6, 'Paginated comments fixture', 'paginated-comments-fixture', '2024-04-29 10:00:00',
    "<!-- wp:paragraph -->\n<p>This post has 25 top-level comments, ten per comment page.</p>\n<!-- /wp:paragraph -->", 'open');
$admin = get_userdata(1);

$d = '2024-05-01 ';
foreach ([
    [2, 0, 'Alice', 'alice@example.test', 'https://alice.example.test/', $d . '11:00:00', '203.0.113.2', 'Top-level comment one. Great post!'],
    [3, 2, 'Bob', 'bob@example.test', '', $d . '12:00:00', '203.0.113.3', 'Bob replies to Alice.'],
    [4, 3, 'Carol', 'carol@example.test', '', $d . '13:00:00', '203.0.113.4', 'Carol replies to Bob, third level.'],
    [5, 4, 'Alice', 'alice@example.test', 'https://alice.example.test/', $d . '14:00:00', '203.0.113.2', "Alice again, fourth level.\n\nThis reply has a second paragraph."],
    [6, 0, 'Dave', 'dave@example.test', '', $d . '15:00:00', '203.0.113.6', 'Dave starts a second thread.'],
    [7, 6, 'Erin', 'erin@example.test', '', $d . '16:00:00', '203.0.113.7', 'Erin answers Dave.'],
    [8, 6, 'Frank', 'frank@example.test', '', $d . '17:00:00', '203.0.113.8', 'Frank answers Dave too.'],
    [9, 0, 'Grace', 'grace@example.test', '', $d . '18:00:00', '203.0.113.9',
        'Some <strong>bold</strong>, <em>emphasis</em>, <code>code_span()</code> and a <a href="https://example.test/grace">link</a>.'],
    [10, 9, $admin->display_name, $admin->user_email, '', $d . '20:00:00', '203.0.113.10', 'Reply from the post author (gets the bypostauthor class).',
        ['user_id' => 1]],
    [11, 0, 'Heidi', 'heidi@example.test', 'https://heidi.example.test/', $d . '21:00:00', '203.0.113.11', 'Grüße aus Zürich! Ünïcödé, 日本語 and emoji 🎉🙂.'],
    [12, 0, 'Some Other Blog', '', 'https://other.example.test/linking-post/', $d . '22:00:00', '203.0.113.12',
        '[&#8230;] A post on another blog links here [&#8230;]', ['comment_type' => 'pingback', 'comment_agent' => 'WordPress/6.1.9']],
    [13, 0, 'Mallory', 'mallory@example.test', '', $d . '23:00:00', '203.0.113.13', 'This comment waits for moderation.',
        ['comment_approved' => 0]],
] as $c) {
    wplocal_comment($p4, $c);
}

wplocal_comment($p5, [14, 0, 'Oscar', 'oscar@example.test', '', '2024-04-30 11:00:00', '203.0.113.14', 'An old comment from before comments were closed.']);

// Post 6: 25 top-level comments (ids 15–39), then replies to the 3rd, 8th, 13th, 18th and
// 23rd of them (ids 40–44).
for ($i = 1; $i <= 25; $i++) {
    $n = sprintf('%02d', $i);
    $date = sprintf('2024-04-29 %02d:%02d:00', 10 + intdiv($i * 10, 60), ($i * 10) % 60);
    wplocal_comment($p6, [14 + $i, 0, "Reader $n", "reader$n@example.test", '', $date, '203.0.113.' . (20 + $i), "Paginated comment number $n."]);
}
$k = 0;
foreach ([3, 8, 13, 18, 23] as $i) {
    $n = sprintf('%02d', $i);
    $date = sprintf('2024-04-30 %02d:00:00', 9 + $k);
    wplocal_comment($p6, [40 + $k, 14 + $i, 'Replier', 'replier@example.test', '', $date, '203.0.113.50', "A reply to comment number $n."]);
    $k++;
}

// Post 7: one chain seven deep (ids 45–51), deeper than thread_comments_depth (5): WordPress
// prints the comments past the cap flat, as siblings after their parent, all with depth-5.
$p7 = wplocal_post(7, 'Deep thread fixture', 'deep-thread-fixture', '2024-04-28 10:00:00',
    "<!-- wp:paragraph -->\n<p>One reply chain seven levels deep, past the threading depth limit.</p>\n<!-- /wp:paragraph -->", 'open');
$parent = 0;
foreach (['Ann', 'Ben', 'Cid', 'Dee', 'Eve', 'Fay', 'Gus'] as $level => $name) {
    $id = 45 + $level;
    wplocal_comment($p7, [$id, $parent, $name, strtolower($name) . '@example.test', '',
        sprintf('2024-04-28 %02d:00:00', 11 + $level), '203.0.113.' . (60 + $level), "Reply at depth $level."]);
    $parent = $id;
}

// Post 8: the target for posting tests, so the trees of posts 4-7 stay exact. Comment 52 is
// from a known commenter: posting again as "Known Replier" <known@example.test> is approved at
// once, while a new name+email is held (comment_previously_approved=1).
$p8 = wplocal_post(8, 'Reply target fixture', 'reply-target-fixture', '2024-04-27 10:00:00',
    "<!-- wp:paragraph -->\n<p>Post replies here: the posting tests use this post.</p>\n<!-- /wp:paragraph -->", 'open');
wplocal_comment($p8, [52, 0, 'Known Replier', 'known@example.test', '', '2024-04-27 11:00:00', '203.0.113.70', 'Known commenters get approved at once.']);
wplocal_comment($p8, [53, 52, 'Zed', 'zed@example.test', '', '2024-04-27 12:00:00', '203.0.113.71', 'A reply to reply to.']);

wp_update_comment_count_now($p4);
wp_update_comment_count_now($p5);
wp_update_comment_count_now($p6);
wp_update_comment_count_now($p7);
wp_update_comment_count_now($p8);
update_option('wplocal_seeded', 1);
echo "seed: posts 4-8 and comments 2-53 created\n";
