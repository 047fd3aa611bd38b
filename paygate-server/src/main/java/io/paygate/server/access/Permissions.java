package io.paygate.server.access;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * What the person looking at a page may do, for the pages to show only the forms that will be
 * accepted. The filter chain decides; this only keeps the pages from offering what it refuses.
 *
 * @param user the login name, or null for a buyer or anyone not logged in
 */
public record Permissions(String user, boolean view, boolean operate, boolean administer) {

  public static final Permissions NOBODY = new Permissions(null, false, false, false);

  public static Permissions of(Authentication authentication, RoleHierarchy hierarchy) {
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication.getAuthorities().isEmpty()) {
      return NOBODY;
    }
    Collection<? extends GrantedAuthority> reachable =
        hierarchy.getReachableGrantedAuthorities(authentication.getAuthorities());
    Set<String> names =
        reachable.stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    if (!names.contains(Role.VIEWER.authority())) {
      return NOBODY;
    }
    return new Permissions(
        authentication.getName(),
        true,
        names.contains(Role.OPERATOR.authority()),
        names.contains(Role.ADMIN.authority()));
  }
}
