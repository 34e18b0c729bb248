<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" <?php language_attributes(); ?>>
<head>
<meta http-equiv="Content-Type" content="<?php bloginfo('html_type'); ?>; charset=<?php bloginfo('charset'); ?>" />
<?php wp_head(); ?>
</head>
<body <?php body_class(); ?>>
<div id="header"><h1><a href="<?php echo esc_url(home_url('/')); ?>"><?php bloginfo('name'); ?></a></h1></div>
<div id="content">
<?php while (have_posts()) : the_post(); ?>
<div <?php post_class(); ?> id="post-<?php the_ID(); ?>">
<h2><a href="<?php the_permalink(); ?>" rel="bookmark"><?php the_title(); ?></a></h2>
<small><?php the_time(get_option('date_format')); ?> by <?php the_author(); ?></small>
<div class="entry">
<?php the_content(); ?>
</div>
</div>
<?php if (is_singular()) { comments_template(); } ?>
<?php endwhile; ?>
</div>
<?php wp_footer(); ?>
</body>
</html>
