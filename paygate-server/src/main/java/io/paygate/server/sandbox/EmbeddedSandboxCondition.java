package io.paygate.server.sandbox;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the sandbox runs embedded (see {@link SandboxMode}). */
public class EmbeddedSandboxCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return SandboxMode.embedded(context.getEnvironment());
  }
}
