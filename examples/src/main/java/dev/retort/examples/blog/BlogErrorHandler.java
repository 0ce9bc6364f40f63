package dev.retort.examples.blog;

import dev.retort.core.exception.IntegrityException;
import dev.retort.core.exception.PoolTimeoutException;
import dev.retort.orm.session.StaleDataException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every error of the application, from a controller or from WebFlux itself (no such route,
 * wrong method, unreadable body), into one JSON shape, {@link ApiError}:
 *
 * <ul>
 *   <li>400: bean-validation failures of bodies and {@code ?page=&size=}, with one
 *       {@code fieldErrors} entry per problem; a body property, path variable or parameter of the
 *       wrong type (named as the field); unparsable or missing JSON;
 *   <li>404: {@link NotFoundException}, and routes that do not exist;
 *   <li>409: {@link ConflictException} (the service's explanation of a constraint violation), an
 *       {@link IntegrityException} the service did not explain, {@link StaleDataException};
 *   <li>503: {@link PoolTimeoutException}, no database connection became free in time;
 *   <li>other statuses WebFlux chose ({@link ResponseStatusException}: 404 for an unknown path, 405,
 *       406, 415…), described without the application's class names;
 *   <li>500 for anything else: the body says only that something went wrong and gives a reference
 *       that is logged with the exception, so SQL, class names and stack traces stay on the server.
 * </ul>
 *
 * Registered before Spring Boot's own handler (order -2 against its -1). A response already
 * committed (a stream that failed half-way) cannot change its status: the error is passed on and
 * the connection closed.
 */
@Component
@Order(-2)
class BlogErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(BlogErrorHandler.class);

    private final JsonMapper json;

    BlogErrorHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            log.warn("{} {} failed after its response had started: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), error.toString());
            return Mono.error(error);
        }
        ApiError body = toApiError(error, exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value());
        if (log.isDebugEnabled()) {
            log.debug("{} {} answered {}: {}", exchange.getRequest().getMethod(), body.path(), body.status(), body.message(), error);
        }
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatusCode(HttpStatusCode.valueOf(body.status()));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setContentLength(bytes.length);
        if (body.status() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            headers.set(HttpHeaders.RETRY_AFTER, "1");
        }
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }

    ApiError toApiError(Throwable error, String method, String path) {
        if (error instanceof WebExchangeBindException invalid) {
            List<ApiError.FieldError> fields = invalid.getFieldErrors().stream()
                    .sorted(Comparator.comparing(FieldError::getField).thenComparing(BlogErrorHandler::message))
                    .map(field -> new ApiError.FieldError(field.getField(), fieldMessage(field)))
                    .toList();
            return error(HttpStatus.BAD_REQUEST, "Validation failed: " + fields.stream()
                    .map(ApiError.FieldError::field).distinct().reduce((a, b) -> a + ", " + b).orElse("request"), path, fields);
        }
        if (error instanceof HandlerMethodValidationException invalid) {
            List<ApiError.FieldError> fields = invalid.getParameterValidationResults().stream()
                    .flatMap(result -> result.getResolvableErrors().stream()
                            .map(problem -> new ApiError.FieldError(parameterName(result.getMethodParameter()), message(problem))))
                    .sorted(Comparator.comparing(ApiError.FieldError::field))
                    .toList();
            return error(HttpStatus.BAD_REQUEST, "Validation failed: " + fields.stream()
                    .map(ApiError.FieldError::field).distinct().reduce((a, b) -> a + ", " + b).orElse("request"), path, fields);
        }
        if (error instanceof ServerWebInputException input) {
            return inputError(input, path);
        }
        if (error instanceof NotFoundException) {
            return error(HttpStatus.NOT_FOUND, error.getMessage(), path, List.of());
        }
        if (error instanceof ConflictException) {
            return error(HttpStatus.CONFLICT, error.getMessage(), path, List.of());
        }
        if (error instanceof IntegrityException integrity) {
            log.info("Unexplained constraint violation on {}: {}", path, firstLine(integrity.getMessage()));
            return error(HttpStatus.CONFLICT, "the request conflicts with the data already stored", path, List.of());
        }
        if (error instanceof StaleDataException) {
            return error(HttpStatus.CONFLICT, "the data was changed by another request; reload and retry", path, List.of());
        }
        if (error instanceof PoolTimeoutException) {
            log.warn("No database connection for {}: {}", path, error.getMessage());
            return error(HttpStatus.SERVICE_UNAVAILABLE, "the service is busy; retry shortly", path, List.of());
        }
        if (error instanceof ResponseStatusException status) {
            return statusError(status, method, path);
        }
        return internalError(error, path);
    }

    /** What WebFlux itself rejected, in words that name no class of the application. */
    private ApiError statusError(ResponseStatusException status, String method, String path) {
        if (status.getStatusCode().is5xxServerError()) {
            return internalError(status, path);
        }
        HttpStatus resolved = HttpStatus.resolve(status.getStatusCode().value());
        String message;
        if (status instanceof UnsupportedMediaTypeStatusException unsupported) {
            message = "Content-Type " + (unsupported.getContentType() == null ? "(none)" : "'" + unsupported.getContentType() + "'")
                    + " is not supported; send application/json";
        } else if (status instanceof NotAcceptableStatusException) {
            message = "none of the media types in the Accept header can be produced here";
        } else if (status.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
            message = "no endpoint " + method + " " + path;
        } else {
            message = status.getReason() != null ? status.getReason() : resolved != null ? resolved.getReasonPhrase() : "error";
        }
        return new ApiError(status.getStatusCode().value(), resolved != null ? resolved.getReasonPhrase() : "Error", message,
                path, List.of());
    }

    /** Unreadable bodies and parameters of the wrong type: 400, naming the parameter when there is one. */
    private static ApiError inputError(ServerWebInputException input, String path) {
        Throwable cause = input.getCause();
        if (cause instanceof TypeMismatchException mismatch) {
            MethodParameter parameter = input.getMethodParameter();
            String name = parameter != null ? parameterName(parameter)
                    : mismatch.getPropertyName() != null ? mismatch.getPropertyName() : "parameter";
            String wanted = mismatch.getRequiredType() == null ? "a value of another type"
                    : Number.class.isAssignableFrom(boxed(mismatch.getRequiredType())) ? "a number" : "a valid value";
            return error(HttpStatus.BAD_REQUEST, name + " must be " + wanted, path, List.of(new ApiError.FieldError(name, "must be " + wanted)));
        }
        String reason = input.getReason() != null ? input.getReason() : "bad request";
        if (reason.startsWith("No request body")) {
            return error(HttpStatus.BAD_REQUEST, "a JSON request body is required", path, List.of());
        }
        if (cause instanceof DecodingException) {
            DatabindException mapping = find(cause, DatabindException.class);
            if (mapping != null && !mapping.getPath().isEmpty()) {
                String field = mapping.getPath().stream()
                        .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName() : String.valueOf(reference.getIndex()))
                        .collect(Collectors.joining("."));
                return error(HttpStatus.BAD_REQUEST, "Invalid value for " + field, path,
                        List.of(new ApiError.FieldError(field, "has the wrong type or format")));
            }
            return error(HttpStatus.BAD_REQUEST, "the request body is not valid JSON", path, List.of());
        }
        return error(HttpStatus.BAD_REQUEST, reason, path, List.of());
    }

    private static <T extends Throwable> @Nullable T find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private ApiError internalError(Throwable error, String path) {
        // not UUID.randomUUID(): it reads the system's secure random source, a blocking file read on
        // the event loop; a reference that ties a response to its log line needs no secure randomness
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String reference = new UUID(random.nextLong(), random.nextLong()).toString();
        log.error("Unexpected error on {} (reference {})", path, reference, error);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "an unexpected error occurred (reference " + reference + ")", path, List.of());
    }

    private static ApiError error(HttpStatus status, String message, String path, List<ApiError.FieldError> fields) {
        return new ApiError(status.value(), status.getReasonPhrase(), message, path, fields);
    }

    /** A rejected value of the wrong type reads "must be a number", not Spring's conversion message. */
    private static String fieldMessage(FieldError field) {
        if (field.isBindingFailure()) {
            return "must be a number";
        }
        return message(field);
    }

    private static String message(MessageSourceResolvable problem) {
        return problem.getDefaultMessage() != null ? problem.getDefaultMessage() : "is invalid";
    }

    private static String parameterName(MethodParameter parameter) {
        String name = parameter.getParameterName();
        return name != null ? name : "parameter " + parameter.getParameterIndex();
    }

    private static Class<?> boxed(Class<?> type) {
        return type == int.class ? Integer.class : type == long.class ? Long.class : type;
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
