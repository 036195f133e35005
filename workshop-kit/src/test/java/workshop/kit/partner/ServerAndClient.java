package workshop.kit.partner;

import java.net.http.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh partner API test server and an HTTP/1.1 client for each test, both closed after it. */
abstract class ServerAndClient {

    PartnerApiServer partners;
    HttpClient client;

    @BeforeEach
    void start_the_server() {
        partners = PartnerApiServer.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop_the_server() {
        try {
            client.close();
        } finally {
            partners.close();
        }
    }
}
