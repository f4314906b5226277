package io.propdesk.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The web tunables every service shares.
 *
 * @param maxBodySize the largest request body a service reads; a larger one is answered 413 unread
 */
@ConfigurationProperties("propdesk.web")
public record WebProperties(@DefaultValue("64KB") DataSize maxBodySize) {}
