package dev.leakproof.sql.project;

/** The kinds of nodes in a project's graph. */
public enum NodeKind { MODEL, SEED, SOURCE, TEST }
