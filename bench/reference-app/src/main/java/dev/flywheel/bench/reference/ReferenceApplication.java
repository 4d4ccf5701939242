package dev.flywheel.bench.reference;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A bare Spring Boot web app: the baseline that Flywheel's startup time and memory are compared with. */
@SpringBootApplication
@RestController
public class ReferenceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReferenceApplication.class, args);
    }

    @GetMapping("/")
    public String hello() {
        return "ok";
    }
}
