//! Fetching a whole post: the first page plus every comment page, merged in thread order.
