//! Writing a stored layer back out as a tar stream (for save and push).
