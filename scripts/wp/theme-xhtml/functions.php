<?php
// Deliberately no add_theme_support('html5'): comments use Walker_Comment::comment (XHTML).
add_theme_support('title-tag');
add_theme_support('automatic-feed-links');
