package dev.leakproof.core;

import java.util.Objects;

/** Maps a product workspace to its CRM account; an account may own several workspaces. */
public record Workspace(String workspaceId, String accountId) {

  public Workspace {
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(accountId, "accountId");
  }
}
