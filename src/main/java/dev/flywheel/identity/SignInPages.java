package dev.flywheel.identity;

import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in, accepting an invitation, and resetting a forgotten password. */
@Controller
class SignInPages {

    private final Invitations invitations;
    private final PasswordResets resets;

    SignInPages(Invitations invitations, PasswordResets resets) {
        this.invitations = invitations;
        this.resets = resets;
    }

    @GetMapping("/login")
    String login() {
        return "identity/login";
    }

    @GetMapping("/invitations/{token}")
    String invitation(@PathVariable String token, Model model) {
        Optional<User> user = invitations.pending(token);
        model.addAttribute("token", token);
        model.addAttribute("email", user.map(User::email).orElse(null));
        if (user.isEmpty()) {
            model.addAttribute("error", "This invitation link is no longer valid. Ask the person who invited you to send a new one.");
        }
        return "identity/invitation";
    }

    @PostMapping("/invitations/{token}")
    String accept(@PathVariable String token, @RequestParam(required = false) String name, @RequestParam String password,
            @RequestParam String confirmation, Model model) {
        Optional<String> problem = invitations.accept(token, name, password, confirmation);
        if (problem.isEmpty()) {
            return "redirect:/login?welcome";
        }
        model.addAttribute("token", token);
        model.addAttribute("email", invitations.pending(token).map(User::email).orElse(null));
        model.addAttribute("name", name);
        model.addAttribute("error", problem.get());
        return "identity/invitation";
    }

    @GetMapping("/password-reset")
    String resetForm() {
        return "identity/reset-request";
    }

    @PostMapping("/password-reset")
    String requestReset(@RequestParam String email, Model model) {
        if (email != null && !email.isBlank() && email.length() <= 320) {
            resets.request(email);
        }
        model.addAttribute("sent", true);
        return "identity/reset-request";
    }

    @GetMapping("/password-reset/{token}")
    String resetPassword(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        if (!resets.isValid(token)) {
            model.addAttribute("error", "This reset link is no longer valid. Ask for a new one.");
            model.addAttribute("invalid", true);
        }
        return "identity/reset-password";
    }

    @PostMapping("/password-reset/{token}")
    String completeReset(@PathVariable String token, @RequestParam String password, @RequestParam String confirmation, Model model) {
        Optional<String> problem = resets.complete(token, password, confirmation);
        if (problem.isEmpty()) {
            return "redirect:/login?reset";
        }
        model.addAttribute("token", token);
        model.addAttribute("error", problem.get());
        model.addAttribute("invalid", !resets.isValid(token));
        return "identity/reset-password";
    }
}
