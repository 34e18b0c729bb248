//! Blocking HTTP (reqwest + rustls): limits, charset decoding, conditional GET, posting forms.
