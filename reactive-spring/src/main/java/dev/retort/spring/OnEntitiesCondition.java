package dev.retort.spring;

import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@link EntityScanning} finds at least one {@code @Entity} class. */
final class OnEntitiesCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (beanFactory == null) {
            return ConditionOutcome.noMatch("no bean factory to read the packages to scan from");
        }
        List<String> packages = EntityScanning.packages(context.getEnvironment(), beanFactory);
        if (packages.isEmpty()) {
            return ConditionOutcome.noMatch("no package to scan for @Entity classes (retort.orm.packages, "
                    + "@EntityScan or an auto-configuration package)");
        }
        int found = EntityScanning.entities(packages, context.getEnvironment(), context.getResourceLoader()).size();
        return found > 0
                ? ConditionOutcome.match(found + " @Entity classes in " + packages)
                : ConditionOutcome.noMatch("no @Entity class in " + packages);
    }
}
