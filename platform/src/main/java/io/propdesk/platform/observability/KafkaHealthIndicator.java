package io.propdesk.platform.observability;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** Up when the Kafka cluster answers a describe-cluster within a few seconds. */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final AdminClient admin;

    public KafkaHealthIndicator(Map<String, Object> adminProperties) {
        super("Kafka health check failed");
        this.admin = AdminClient.create(adminProperties);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000));
        int nodes = cluster.nodes().get(3, TimeUnit.SECONDS).size();
        builder.up()
                .withDetail("clusterId", cluster.clusterId().get(3, TimeUnit.SECONDS))
                .withDetail("nodes", nodes);
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
