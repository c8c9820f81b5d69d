#!/usr/bin/env bash
# Builds herd's packages from a built clone; `mvn -Pdist -DskipTests package` runs it as
#   dist/package.sh VERSION ROOT TARGET LICENSE
# and leaves in TARGET:
#   herd-VERSION.tar.gz         bin/herd lib/ completions/ man/ examples/: unpack anywhere, needs only Java 17
#   herd_DEBVERSION_all.deb     /usr/bin/herd, /usr/share/herd, /etc/herd/cluster.yaml (conffile), completions, man
#   herd-V-R.noarch.rpm         the same EL 9 paths (%config(noreplace) /etc/herd/cluster.yaml)
# No package runs a script at install: the class-data archive is made on first use in each
# user's cache (dist/bin/herd), never in /usr/share/herd.
set -euo pipefail
version=$1 root=$(cd "$2" && pwd) target=$(cd "$3" && pwd) license=$4
jar=$root/shell/target/herd-exec.jar
man=$target/man
stage=$target/stage
[ -f "$jar" ] || { echo "package.sh: $jar is missing (build the shell module first)" >&2; exit 1; }
[ -f "$man/man1/herd.1" ] || { echo "package.sh: $man/man1/herd.1 is missing" >&2; exit 1; }
rm -rf "$stage" "$target"/herd-*.tar.gz "$target"/herd_*.deb "$target"/herd-*.rpm
mkdir -p "$stage"

summary="One shell for your cluster"
description="herd keeps one live cluster session at one prompt: ClusterShell nodesets, parallel exec
and copy over SSH, ISC dhcpd / BIND / hosts edits, BMC power, boot device and Serial-over-LAN,
PXE deployment followed live, an audit log of every change, and .csh batch files."
example=$root/commands/src/main/resources/herd/inventory/example-cluster.yaml

# The unpacked application: herd.jar and every library in one directory, what bin/herd runs.
app=$stage/app
java -Djarmode=tools -jar "$jar" extract --destination "$app" --libraries . --application-filename herd.jar >/dev/null
chmod 644 "$app"/*.jar

# 1. The tarball.
t=$stage/herd-$version
install -D -m 755 "$root/dist/bin/herd" "$t/bin/herd"
cp -r "$app" "$t/lib"
install -D -m 644 "$root/completions/herd.bash" "$t/completions/herd.bash"
install -D -m 644 "$root/completions/_herd" "$t/completions/_herd"
install -D -m 644 "$man/man1/herd.1" "$t/man/man1/herd.1"
install -D -m 644 "$man/man5/herd-inventory.5" "$t/man/man5/herd-inventory.5"
install -D -m 644 "$example" "$t/examples/cluster.yaml"
install -m 644 "$root"/scripts/*.csh "$t/examples/"
install -m 644 "$root/README.md" "$t/README.md"
tar -C "$stage" --owner=0 --group=0 --numeric-owner --sort=name -czf "$target/herd-$version.tar.gz" "herd-$version"

# The installed tree, the same for both packages but for zsh's completion directory.
tree() {
    local d=$1 zsh=$2
    install -D -m 755 "$root/dist/bin/herd" "$d/usr/share/herd/bin/herd"
    cp -r "$app" "$d/usr/share/herd/lib"
    mkdir -p "$d/usr/bin"
    ln -s ../share/herd/bin/herd "$d/usr/bin/herd"
    install -D -m 644 "$example" "$d/etc/herd/cluster.yaml"
    install -D -m 644 "$root/completions/herd.bash" "$d/usr/share/bash-completion/completions/herd"
    install -D -m 644 "$root/completions/_herd" "$d$zsh/_herd"
    mkdir -p "$d/usr/share/man/man1" "$d/usr/share/man/man5" "$d/usr/share/doc/herd/examples"
    gzip -9n <"$man/man1/herd.1" >"$d/usr/share/man/man1/herd.1.gz"
    gzip -9n <"$man/man5/herd-inventory.5" >"$d/usr/share/man/man5/herd-inventory.5.gz"
    install -m 644 "$root/README.md" "$d/usr/share/doc/herd/README.md"
    printf 'Upstream-Name: herd\nCopyright: herd developers\nLicense: %s\n' "$license" >"$d/usr/share/doc/herd/copyright"
    install -m 644 "$root"/scripts/*.csh "$d/usr/share/doc/herd/examples/"
    chmod -R u=rwX,go=rX "$d"
}

# 2. The .deb (Debian versions sort 0.1.0~SNAPSHOT before 0.1.0).
deb_version=${version/-/\~}
d=$stage/deb
tree "$d" /usr/share/zsh/vendor-completions
mkdir -p "$d/DEBIAN"
cat >"$d/DEBIAN/control" <<EOF
Package: herd
Version: $deb_version
Architecture: all
Maintainer: herd developers <herd@localhost>
Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless, bash, coreutils, util-linux
Section: admin
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$d" | cut -f1)
Description: $summary
$(echo "$description" | sed 's/^/ /')
EOF
echo /etc/herd/cluster.yaml >"$d/DEBIAN/conffiles"
dpkg-deb --root-owner-group -Zgzip --build "$d" "$target/herd_${deb_version}_all.deb" >/dev/null

# 3. The .rpm (EL 9): a snapshot is release 0.1.SNAPSHOT of its version.
rpm_version=${version%%-*}
rpm_release=1
[ "$version" = "$rpm_version" ] || rpm_release=0.1.${version#*-}
r=$stage/rpmtree
tree "$r" /usr/share/zsh/site-functions
mkdir -p "$stage/rpmbuild"
cat >"$stage/herd.spec" <<EOF
Name:           herd
Version:        $rpm_version
Release:        $rpm_release
Summary:        $summary
License:        $license
BuildArch:      noarch
AutoReqProv:    no
Requires:       java-headless >= 1:17, bash, coreutils, util-linux
%global __os_install_post %{nil}
%global _build_id_links none

%description
$description

%install
cp -a "$r/." "%{buildroot}/"

%files
%dir /etc/herd
%config(noreplace) /etc/herd/cluster.yaml
/usr/bin/herd
/usr/share/herd
/usr/share/bash-completion/completions/herd
/usr/share/zsh/site-functions/_herd
/usr/share/man/man1/herd.1.gz
/usr/share/man/man5/herd-inventory.5.gz
%doc /usr/share/doc/herd
EOF
rpmbuild -bb --quiet --define "_topdir $stage/rpmbuild" --define "_rpmdir $target" \
    --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" "$stage/herd.spec" >/dev/null
ls "$target/herd-$version.tar.gz" "$target/herd_${deb_version}_all.deb" "$target/herd-$rpm_version-$rpm_release.noarch.rpm"
