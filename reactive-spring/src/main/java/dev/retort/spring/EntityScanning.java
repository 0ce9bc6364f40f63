package dev.retort.spring;

import dev.retort.orm.mapping.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.persistence.autoconfigure.EntityScanPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link Entity} classes the auto-configured ORM mapping holds: the packages of
 * {@code retort.orm.packages}, else of {@code @EntityScan}, else the application's
 * auto-configuration packages (the {@code @SpringBootApplication} class's package), each scanned
 * with its sub-packages. Top-level and static nested concrete classes qualify. Runs at startup,
 * reading class files from the class path.
 */
final class EntityScanning {

    private EntityScanning() {
    }

    /** The packages to scan; empty when nothing names any. */
    static List<String> packages(Environment environment, ConfigurableListableBeanFactory beanFactory) {
        List<String> configured = Binder.get(environment)
                .bind("retort.orm.packages", Bindable.listOf(String.class)).orElse(List.of());
        if (!configured.isEmpty()) {
            return configured;
        }
        List<String> scanned = EntityScanPackages.get(beanFactory).getPackageNames();
        if (!scanned.isEmpty()) {
            return scanned;
        }
        return AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory) : List.of();
    }

    /** The {@code @Entity} classes in {@code packages}, sorted by name. */
    static List<Class<?>> entities(List<String> packages, Environment environment, ResourceLoader resources) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
                environment);
        scanner.setResourceLoader(resources);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Entity.class));
        ClassLoader loader = resources.getClassLoader() != null ? resources.getClassLoader()
                : ClassUtils.getDefaultClassLoader();
        TreeMap<String, Class<?>> found = new TreeMap<>();
        for (String name : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(name)) {
                String className = candidate.getBeanClassName();
                if (className != null) {
                    found.computeIfAbsent(className, key -> ClassUtils.resolveClassName(key, loader));
                }
            }
        }
        return new ArrayList<>(found.values());
    }
}
