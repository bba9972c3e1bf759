//! Guide page emitter.
