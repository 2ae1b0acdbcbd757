// Default field sets that res_pjsip reports for a freshly created sorcery object.
// The endpoint and aor lists are the exact attribute order and default values that a
// real Asterisk 22.10.1 returned from PUT /asterisk/config/dynamic (samples/agent-*-sip.jsonl),
// with the fields set by those recordings put back to their defaults. The auth list was not
// recorded; it is the res_pjsip auth field set from the Asterisk documentation.

export type FieldList = ReadonlyArray<readonly [string, string]>;

export const ENDPOINT_DEFAULTS: FieldList = [
  ["rpid_immediate", "false"], ["webrtc", "no"], ["ignore_183_without_sdp", "false"],
  ["send_aoc", "false"], ["device_state_busy_at", "0"], ["t38_udptl_maxdatagram", "0"],
  ["codec_prefs_incoming_answer", "prefer:pending, operation:intersect, keep:all, transcode:allow"],
  ["security_negotiation", "no"], ["dtls_rekey", "0"], ["rtp_port_end", "0"],
  ["named_pickup_group", ""], ["direct_media_method", "invite"], ["send_rpid", "false"],
  ["pickup_group", ""], ["sdp_session", "Asterisk"], ["dtls_verify", "No"],
  ["message_context", ""], ["tenantid", ""], ["mailboxes", ""],
  ["record_on_feature", "automixmon"], ["dtls_private_key", ""], ["dtls_fingerprint", "SHA-256"],
  ["overlap_context", ""], ["outgoing_call_offer_pref", "remote_merge"], ["rtp_port_start", "0"],
  ["from_domain", ""], ["timers_sess_expires", "1800"], ["named_call_group", ""],
  ["dtls_cipher", ""], ["media_encryption_optimistic", "false"],
  ["suppress_q850_reason_headers", "false"], ["aors", ""], ["identify_by", "username,ip"],
  ["callerid_privacy", "allowed_not_screened"], ["mwi_subscribe_replaces_unsolicited", "no"],
  ["cos_audio", "0"], ["follow_early_media_fork", "true"], ["context", "default"],
  ["rtp_symmetric", "false"], ["transport", ""], ["moh_suggest", "default"],
  ["t38_udptl", "false"], ["fax_detect", "false"], ["t38_bind_udptl_to_media_address", "false"],
  ["tos_video", "0"], ["srtp_tag_32", "false"], ["refer_blind_progress", "true"],
  ["max_audio_streams", "1"], ["bundle", "false"], ["use_avpf", "false"], ["call_group", ""],
  ["send_connected_line", "yes"], ["fax_detect_timeout", "0"], ["sdp_owner", "-"],
  ["force_rport", "true"], ["callerid_tag", ""], ["rtp_timeout_hold", "0"],
  ["suppress_moh_on_sendonly", "false"], ["use_ptime", "false"], ["media_address", ""],
  ["voicemail_extension", ""], ["rtp_timeout", "0"], ["stir_shaken", "no"], ["set_var", ""],
  ["contact_acl", ""], ["preferred_codec_only", "false"], ["geoloc_outgoing_call_profile", ""],
  ["force_avp", "false"], ["record_off_feature", "automixmon"], ["from_user", ""],
  ["send_diversion", "true"], ["send_history_info", "false"], ["t38_udptl_ipv6", "false"],
  ["tone_zone", ""], ["language", ""], ["allow_subscribe", "true"], ["rtp_ipv6", "false"],
  ["callerid", "<unknown>"], ["moh_passthrough", "false"], ["cos_video", "0"],
  ["dtls_auto_generate_cert", "No"], ["asymmetric_rtp_codec", "false"],
  ["geoloc_incoming_call_profile", ""], ["ice_support", "false"], ["aggregate_mwi", "true"],
  ["one_touch_recording", "false"], ["mwi_from_user", ""], ["redirect_method", "user"],
  ["accountcode", ""],
  ["codec_prefs_outgoing_answer", "prefer:pending, operation:intersect, keep:all, transcode:allow"],
  ["allow", "(nothing)"], ["rewrite_contact", "false"], ["user_eq_phone", "false"],
  ["rtp_engine", "asterisk"], ["follow_redirect_methods", ""], ["subscribe_context", ""],
  ["notify_early_inuse_ringing", "false"], ["incoming_mwi_mailbox", ""],
  ["incoming_call_offer_pref", "local"], ["allow_unauthenticated_options", "false"], ["auth", ""],
  ["direct_media_glare_mitigation", "none"], ["trust_id_inbound", "false"],
  ["stir_shaken_profile", ""], ["bind_rtp_to_media_address", "false"],
  ["disable_direct_media_on_nat", "false"], ["media_encryption", "no"],
  ["media_use_received_transport", "false"], ["allow_overlap", "true"], ["dtmf_mode", "rfc4733"],
  ["outbound_auth", ""], ["tos_audio", "0"], ["dtls_cert_file", ""], ["dtls_ca_path", ""],
  ["dtls_setup", "active"], ["connected_line_method", "invite"], ["g726_non_standard", "false"],
  ["100rel", "yes"], ["timers", "yes"], ["direct_media", "true"], ["acl", ""],
  ["timers_min_se", "90"], ["trust_id_outbound", "false"], ["sub_min_expiry", "0"],
  ["rtcp_mux", "false"], ["max_video_streams", "1"], ["accept_multiple_sdp_answers", "false"],
  ["codec_prefs_incoming_offer", "prefer:pending, operation:intersect, keep:all, transcode:allow"],
  ["codec_prefs_outgoing_offer", "prefer:pending, operation:union, keep:all, transcode:allow"],
  ["trust_connected_line", "yes"], ["send_pai", "false"], ["rtp_keepalive", "0"],
  ["t38_udptl_ec", "none"], ["t38_udptl_nat", "false"], ["allow_transfer", "true"],
  ["dtls_ca_file", ""], ["outbound_proxy", ""], ["inband_progress", "false"],
];

export const AOR_DEFAULTS: FieldList = [
  ["minimum_expiration", "60"], ["default_expiration", "3600"], ["qualify_timeout", "3.000000"],
  ["qualify_2xx_only", "false"], ["mailboxes", ""], ["support_path", "false"],
  ["remove_unavailable", "false"], ["voicemail_extension", ""], ["max_contacts", "0"],
  ["authenticate_qualify", "false"], ["contact", ""], ["maximum_expiration", "7200"],
  ["qualify_frequency", "0"], ["remove_existing", "false"], ["outbound_proxy", ""],
];

export const AUTH_DEFAULTS: FieldList = [
  ["auth_type", "userpass"], ["nonce_lifetime", "32"], ["md5_cred", ""], ["password", ""],
  ["realm", ""], ["refresh_token", ""], ["oauth_clientid", ""], ["oauth_secret", ""],
  ["username", ""], ["supported_algorithms_uac", ""], ["supported_algorithms_uas", ""],
];
