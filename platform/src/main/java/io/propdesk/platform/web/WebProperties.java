package io.propdesk.platform.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The web tunables every service shares.
 *
 * @param maxBodySize the largest request body a service reads; a larger one is answered 413 unread
 * @param streamingTimeout the longest a streamed response (a CSV export) may take before it is cut off; Spring's own
 *     default would be the container's 30 s, too short for a year's export
 */
@ConfigurationProperties("propdesk.web")
public record WebProperties(
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("30m") Duration streamingTimeout) {}
