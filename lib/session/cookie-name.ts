export const SESSION_COOKIE = "multistore_session";
