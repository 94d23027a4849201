"""What the guard knows out of the box: prohibited kinds of software, assistive technologies and
the signs of a virtual machine. Every list is a default that an exam profile's ``guard:``
section can narrow or extend (see ``policy.py``).

Process patterns are case-insensitive globs on the process name (``.exe`` optional) or, when they
contain a slash, on the executable's path. At start the guard also reads the content (sha256) of
those installed on the workstation, so a renamed or moved copy is recognised
(``process_guard.resolve_digests``). The lists aim at what DOMAIN.md forbids: remote
control, communication, screen recording, AI assistants and other browsers.
"""

from __future__ import annotations

PROHIBITED: dict[str, tuple[str, ...]] = {
    "remote-control": (
        "teamviewer*", "anydesk*", "rustdesk*", "x11vnc", "winvnc*", "tvnserver*",
        "vncviewer*", "remmina", "krdc", "xfreerdp*", "mstsc", "chrome-remote-desktop*", "remoting_host",
        "parsecd", "splashtop*", "aa_v3", "ammyy*", "supremo*", "ultraviewer*", "dwagent*", "meshagent*",
        "x0vncserver", "krfb", "vino-server", "gnome-remote-desktop*",
    ),
    "chat-and-meetings": (
        "discord*", "slack*", "teams", "ms-teams*", "teams-for-linux", "zoom", "zoom.us", "skype*", "skypeforlinux",
        "telegram*", "signal-desktop*", "whatsapp*", "element-desktop*", "webex*", "ciscowebex*", "jitsi*",
        "viber*", "wechat*", "messenger", "pidgin", "hexchat",
    ),
    "screen-recorders": (
        "obs", "obs32", "obs64", "simplescreenrecorder", "kazam", "vokoscreen*", "peek", "recordmydesktop",
        "gtk-recordmydesktop", "bandicam*", "camtasia*", "sharex", "loom", "flashback*", "screenrec*",
        "kooha", "gpu-screen-recorder*", "wf-recorder",
        # screenshots: one frame is enough to carry a question out
        "import", "scrot", "xwd", "maim", "gnome-screenshot", "flameshot", "spectacle", "ksnip", "shutter",
        "xfce4-screenshooter", "grim", "greenshot", "snippingtool", "screenclippinghost",
    ),
    "ai-assistants": (
        "chatgpt*", "claude", "copilot", "perplexity*", "ollama*", "lm studio*", "lm-studio*", "gpt4all*",
    ),
    "browsers": (
        "firefox*", "librewolf*", "waterfox*", "chrome", "google-chrome*", "chromium*", "msedge", "microsoft-edge*",
        "opera*", "brave*", "vivaldi*", "iexplore", "safari", "epiphany*", "falkon", "midori", "qutebrowser",
        "tor", "torbrowser*", "firefox.real", "yandex*", "seamonkey*", "palemoon*",
    ),
}
CATEGORIES = tuple(PROHIBITED)

# Assistive technologies a candidate may be granted. A focus change to one of their windows is
# never a focus loss, the process guard never touches them, and a screen reader turns off the
# keyboard grab (it needs its own shortcuts). ``names`` are process names, ``wm_classes`` are
# X11 WM_CLASS parts or Windows window classes.
ASSISTIVE: dict[str, dict[str, object]] = {
    "orca": {"kind": "screen-reader", "names": ("orca",), "wm_classes": ("orca",)},
    "nvda": {"kind": "screen-reader", "names": ("nvda", "nvda_slave", "nvda_dmp"), "wm_classes": ()},
    "jaws": {"kind": "screen-reader", "names": ("jfw", "fsreader"), "wm_classes": ()},
    "narrator": {"kind": "screen-reader", "names": ("narrator",), "wm_classes": ()},
    "onboard": {"kind": "on-screen-keyboard", "names": ("onboard",), "wm_classes": ("onboard",)},
    "florence": {"kind": "on-screen-keyboard", "names": ("florence",), "wm_classes": ("florence",)},
    "windows-osk": {"kind": "on-screen-keyboard", "names": ("osk", "tabtip"), "wm_classes": ("OSKMainClass",)},
    "kmag": {"kind": "magnifier", "names": ("kmag",), "wm_classes": ("kmag",)},
    "windows-magnifier": {"kind": "magnifier", "names": ("magnify",), "wm_classes": ("MagUIClass",)},
    "zoomtext": {"kind": "magnifier", "names": ("zt", "zoomtext"), "wm_classes": ()},
}
ASSISTIVE_KINDS = ("screen-reader", "on-screen-keyboard", "magnifier")

# Strings that firmware of virtual machines puts in DMI (system vendor, product, board, BIOS).
VM_DMI_MARKERS = (
    "vmware", "virtualbox", "innotek", "qemu", "kvm", "xen", "bochs", "parallels", "virtual machine",
    "hyper-v", "bhyve", "amazon ec2", "google compute engine", "openstack", "cloud hypervisor",
)
# X servers that exist to be watched from elsewhere: the display itself is a remote session.
REMOTE_X_SERVERS = ("xvnc", "xtightvnc", "xtigervnc", "xrdp", "xorgxrdp", "x2goagent", "nxagent")

# Vendor prefixes (OUI) of virtual network cards. A host that *runs* VMs has some of these on its
# virtual adapters, which is why a MAC alone is only a weak sign.
VM_MAC_PREFIXES = {
    "00:05:69": "VMware", "00:0c:29": "VMware", "00:1c:14": "VMware", "00:50:56": "VMware",
    "08:00:27": "VirtualBox", "0a:00:27": "VirtualBox", "52:54:00": "QEMU/KVM", "00:16:3e": "Xen",
    "00:15:5d": "Hyper-V", "00:1c:42": "Parallels", "00:03:ff": "Virtual PC",
}

# Windows registry values (HKCU) that close the Ctrl+Alt+Del screen's exits during an exam.
WINDOWS_POLICIES = (
    (r"Software\Microsoft\Windows\CurrentVersion\Policies\System", "DisableTaskMgr", 1),
    (r"Software\Microsoft\Windows\CurrentVersion\Policies\System", "DisableLockWorkstation", 1),
    (r"Software\Microsoft\Windows\CurrentVersion\Policies\System", "DisableChangePassword", 1),
    (r"Software\Microsoft\Windows\CurrentVersion\Policies\Explorer", "NoLogoff", 1),
    (r"Software\Microsoft\Windows\CurrentVersion\Policies\Explorer", "NoClose", 1),
)
