package dev.leakproof.connectors.salesforce;

import dev.leakproof.core.Secret;
import java.net.URI;
import java.util.Objects;

/** An OAuth access token and the org instance it is valid for. */
public record AccessToken(Secret token, URI instanceUrl) {
  public AccessToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(instanceUrl, "instanceUrl");
  }
}
