package io.paygate.server.access;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;

/**
 * What a person may do in the console. Each role includes the ones below it: ADMIN (operators, API
 * keys, webhook endpoints, the actuator) &gt; OPERATOR (refund, close, sync, create) &gt; VIEWER
 * (read).
 */
public enum Role {
  ADMIN("管理员 Admin"),
  OPERATOR("操作员 Operator"),
  VIEWER("只读 Viewer");

  private final String label;

  Role(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The authority Spring Security checks, {@code ROLE_ADMIN} and so on. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** The inclusion above, written once. */
  static RoleHierarchy hierarchy() {
    return RoleHierarchyImpl.withDefaultRolePrefix()
        .role(ADMIN.name())
        .implies(OPERATOR.name())
        .role(OPERATOR.name())
        .implies(VIEWER.name())
        .build();
  }
}
