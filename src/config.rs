//! The TOML config file (`config.toml` in the config dir from `directories`) and the app's paths.
