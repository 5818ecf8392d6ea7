// The REST API reference shown at /api-docs: every route under /ovirt-engine/api, with the
// bodies clients send. Paths are relative to /ovirt-engine/api.

export interface Endpoint {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  summary: string;
  /** Query parameters that matter for this route. */
  params?: string;
  body?: string;
  reply: string;
}

export interface EndpointGroup {
  id: string;
  title: string;
  intro: string;
  endpoints: Endpoint[];
}

const SD = '<storage_domains><storage_domain id="SD"/></storage_domains>';

export const endpointGroups: EndpointGroup[] = [
  {
    id: "root",
    title: "Root, data centers, clusters",
    intro: "GET / is what clients call to test a connection. Storage domains inside a data center can be put into maintenance and activated again.",
    endpoints: [
      { method: "GET", path: "/", summary: "The <api> root: links to every collection, product version, the Blank template.", reply: "200 <api>" },
      { method: "GET", path: "/datacenters", summary: "Data centers.", params: "search=name=…, max", reply: "200 <data_centers>" },
      { method: "GET", path: "/hosts", summary: "The one host the portal runs on (it mounts the storage and runs the VMs).", params: "search=status=up", reply: "200 <hosts>" },
      { method: "GET", path: "/hosts/{id}", summary: "That host.", reply: "200 <host>" },
      { method: "GET", path: "/datacenters/{id}", summary: "One data center.", reply: "200 <data_center>" },
      { method: "GET", path: "/datacenters/{id}/clusters", summary: "Its clusters.", reply: "200 <clusters>" },
      { method: "GET", path: "/datacenters/{id}/storagedomains", summary: "Its storage domains, each offering activate and deactivate.", reply: "200 <storage_domains>" },
      { method: "GET", path: "/datacenters/{id}/storagedomains/{sd}", summary: "One domain in the data center.", reply: "200 <storage_domain>" },
      { method: "POST", path: "/datacenters/{id}/storagedomains", summary: "Attach an unattached domain; it turns active once it verifies (its metadata names it).", body: '<storage_domain id="SD"/>', reply: "201 <storage_domain>" },
      { method: "DELETE", path: "/datacenters/{id}/storagedomains/{sd}", summary: "Detach a domain in maintenance. Its OVF store is written first; what lives only there leaves the portal (VMs with disks elsewhere stay without their disks there), to be registered wherever it is attached next.", reply: "200 <action><status>complete</status></action>" },
      { method: "POST", path: "/datacenters/{id}/storagedomains/{sd}/deactivate", summary: "Maintenance: refused while a job holds one of its disks or a VM using it is not down.", body: "<action/>", reply: "200 <action><status>complete</status></action>" },
      { method: "POST", path: "/datacenters/{id}/storagedomains/{sd}/activate", summary: "Back in use.", body: "<action/>", reply: "200 <action><status>complete</status></action>" },
      { method: "GET", path: "/clusters", summary: "Clusters.", params: "search=name=…, max", reply: "200 <clusters>" },
      { method: "GET", path: "/clusters/{id}", summary: "One cluster.", reply: "200 <cluster>" },
    ],
  },
  {
    id: "storage-domains",
    title: "Storage domains",
    intro: "Domains are directories (storage type localfs, with its path). available, used and committed are bytes. On an export domain, vms and templates list what can be imported, read from its OVF files.",
    endpoints: [
      { method: "GET", path: "/storagedomains", summary: "Every domain.", params: "search=name=… / type=data|export / status=…, max", reply: "200 <storage_domains>" },
      { method: "GET", path: "/storagedomains/{id}", summary: "One domain with its space.", reply: "200 <storage_domain>" },
      {
        method: "POST",
        path: "/storagedomains",
        summary: "A new domain on an existing empty directory: for nfs and posixfs the mount point of its filesystem on this host, for localfs a local directory. Added unattached. With <import>true</import>, registers the domain already at that path (read from its metadata).",
        body: "<storage_domain><name>nfs-3</name><type>data</type><host><name>host</name></host><storage><type>nfs</type><path>/mnt/nfs-3</path></storage></storage_domain>",
        reply: "201 <storage_domain> (status unattached)",
      },
      { method: "PUT", path: "/storagedomains/{id}", summary: "Change name, description, warning_low_space_indicator, critical_space_action_blocker.", body: "<storage_domain><critical_space_action_blocker>10</critical_space_action_blocker></storage_domain>", reply: "200 <storage_domain>" },
      { method: "DELETE", path: "/storagedomains/{id}", summary: "Remove a detached domain; with format=true also delete its folder (after verifying it is this domain).", params: "format=true", reply: "200 <action><status>complete</status></action>" },
      { method: "GET", path: "/storagedomains/{id}/disks", summary: "Disks with a volume on the domain (template disks once per copy); with unregistered=true the floating disks it holds to register.", params: "search, max, unregistered=true", reply: "200 <disks>" },
      { method: "POST", path: "/storagedomains/{id}/disks?unregistered=true", summary: "Register a floating disk the domain holds (the SDK's disks_service().add(disk, unregistered=True)); it comes back where it is.", body: '<disk id="D"/>', reply: "201 <disk>" },
      { method: "POST", path: "/storagedomains/{id}/updateovfstore", summary: "Write the data domain's OVF store now (it is also written after every change and before maintenance).", body: "<action/>", reply: "200 <action> complete" },
      { method: "GET", path: "/storagedomains/{id}/vms", summary: "Data domain: VMs with a disk there; with unregistered=true those its OVF store describes that are not (all) in the portal. Export domain: VMs that can be imported.", params: "search=name=…, unregistered=true", reply: "200 <vms>" },
      { method: "POST", path: "/storagedomains/{id}/vms/{vm}/register", summary: "Register an unregistered VM: its disks come back where they are, from every attached domain holding them; a VM still in the portal gets back its disks there. allow_partial_import leaves out disks on domains that are not attached.", body: '<action><cluster><name>Default</name></cluster><allow_partial_import>false</allow_partial_import><vm><name>new-name</name></vm></action>', reply: "200 <action> complete, with <vm>" },
      { method: "GET", path: "/storagedomains/{id}/vms/{vm}", summary: "One of them.", reply: "200 <vm>" },
      { method: "GET", path: "/storagedomains/{id}/vms/{vm}/disks", summary: "Its disks as the domain holds them: the ids to map at import.", reply: "200 <disks>" },
      { method: "GET", path: "/storagedomains/{id}/vms/{vm}/disks/{disk}", summary: "One of them.", reply: "200 <disk>" },
      { method: "DELETE", path: "/storagedomains/{export}/vms/{vm}", summary: "Delete an exported VM from the export domain, with its disk images (the SDK's remove()).", reply: "200 <action><status>complete</status></action>" },
      { method: "GET", path: "/storagedomains/{id}/templates", summary: "Same for templates.", reply: "200 <templates>" },
      { method: "GET", path: "/storagedomains/{id}/templates/{t}", summary: "One of them.", reply: "200 <template>" },
      { method: "POST", path: "/storagedomains/{id}/templates/{t}/register", summary: "Register an unregistered template (before the thin VMs made from it).", body: '<action><cluster><name>Default</name></cluster></action>', reply: "200 <action> complete, with <template>" },
      { method: "DELETE", path: "/storagedomains/{export}/templates/{t}", summary: "Delete an exported template from the export domain, with its disk images.", reply: "200 <action><status>complete</status></action>" },
      { method: "GET", path: "/storagedomains/{id}/templates/{t}/disks", summary: "A template's disks on the domain.", reply: "200 <disks>" },
      { method: "GET", path: "/storagedomains/{id}/templates/{t}/disks/{disk}", summary: "One of them.", reply: "200 <disk>" },
      { method: "GET", path: "/storagedomains/{id}/diskprofiles", summary: "The domain's default disk profile (one per data domain, named after it).", reply: "200 <disk_profiles>" },
      { method: "GET", path: "/diskprofiles", summary: "Every data domain's default disk profile; each disk links to its domain's.", params: "search=name=…", reply: "200 <disk_profiles>" },
      { method: "GET", path: "/diskprofiles/{id}", summary: "One profile.", reply: "200 <disk_profile>" },
    ],
  },
  {
    id: "vms",
    title: "Virtual machines",
    intro: "Adding answers 201 at once with the VM image_locked; poll GET /vms/{id} until down, or the jobs of your correlation_id. From a template, each <disk id> names a template disk and the domain its VM disk goes to.",
    endpoints: [
      { method: "GET", path: "/vms", summary: "VMs.", params: "search=name=web* and status=down, max, follow=disk_attachments[.disk],snapshots", reply: "200 <vms>" },
      { method: "GET", path: "/vms/{id}", summary: "One VM.", params: "follow", reply: "200 <vm>" },
      { method: "PUT", path: "/vms/{id}", summary: "Change name, description, memory and CPUs (memory and CPUs while the VM is down).", body: "<vm><memory>2147483648</memory></vm>", reply: "200 <vm>" },
      {
        method: "POST",
        path: "/vms",
        summary: "From a template, thin: each disk an overlay on the template's copy on that domain (409 if the domain has no copy).",
        params: "correlation_id",
        body: `<vm><name>web-03</name><cluster><name>Default</name></cluster><template id="T"/>\n  <disk_attachments>\n    <disk_attachment><disk id="TEMPLATE_DISK"><format>cow</format><sparse>true</sparse>${SD}</disk></disk_attachment>\n  </disk_attachments>\n</vm>`,
        reply: "201 <vm> (status image_locked)",
      },
      { method: "POST", path: "/vms?clone=true", summary: "From a template, independent full copies: any data domain per disk. The copies keep the template disk's format.", body: "(same body)", reply: "201 <vm>" },
      {
        method: "POST",
        path: "/vms",
        summary: "Multistore: per template disk <provisioning_mode> thin | clone | copy_then_thin. copy_then_thin copies the template disk to the domain first (it stays there for later VMs), then makes the disk thin on it: one request instead of four.",
        body: `<disk id="TEMPLATE_DISK"><provisioning_mode>copy_then_thin</provisioning_mode>${SD}</disk>`,
        reply: "201 <vm>",
      },
      {
        method: "POST",
        path: "/vms",
        summary: "Blank VM (no <template>, or <template><name>Blank</name></template>). Multistore also accepts new disks inline, all made by one job.",
        body: `<vm><name>db-02</name><template><name>Blank</name></template><memory>2147483648</memory>\n  <cpu><topology><sockets>2</sockets><cores>1</cores><threads>1</threads></topology></cpu>\n</vm>`,
        reply: "201 <vm>",
      },
      { method: "DELETE", path: "/vms/{id}", summary: "Removes a down VM and its disks; detach_only=true keeps them as floating disks.", params: "detach_only, correlation_id, async", reply: "200 <action> with the job" },
      { method: "POST", path: "/vms/{id}/start | stop | shutdown | suspend", summary: "Power actions on the VM's QEMU: start (on a suspended VM: resume, a job), stop (power off at once), shutdown (ACPI, powered off after a timeout), suspend (hibernate into a memory volume, a job). 409 when the VM is not in a state for it.", body: "<action/>", reply: "200 <action> complete, or with the job" },
      { method: "POST", path: "/vms/{id}/export", summary: "Export to an export domain: each disk collapsed into one image, plus the OVF. exclusive=true replaces an earlier export.", body: '<action><exclusive>true</exclusive><storage_domain id="EXPORT_SD"/></action>', reply: "202 <action> pending" },
      { method: "POST", path: "/vms/{id}/exporttopathonhost", summary: "Export the (down) VM as one .ova file: the OVF and each disk as a standalone qcow2, in a tar, in a folder of OVA_DIRS (default $DATA_DIR/ova).", body: "<action><host id=\"H\"/><directory>/var/lib/multistore/ova</directory><filename>web-01.ova</filename></action>", reply: "202 <action> pending" },
      { method: "POST", path: "/externalvmimports", summary: "Import the VM an .ova holds as a new VM, its disks on the storage domain given (the portal's VM Import from OVA picks one per disk).", body: '<external_vm_import><url>ova:///path/web-01.ova</url><storage_domain id="SD"/><vm><name>web-02</name></vm></external_vm_import>', reply: "201 <external_vm_import>; follow the job by correlation_id" },
    ],
  },
  {
    id: "disk-attachments",
    title: "Disk attachments",
    intro: "A VM's (or template's) disks with interface, bootable and active. The attachment id is the disk id.",
    endpoints: [
      { method: "GET", path: "/vms/{id}/diskattachments", summary: "The VM's disks.", params: "follow=disk", reply: "200 <disk_attachments>" },
      { method: "GET", path: "/vms/{id}/diskattachments/{disk}", summary: "One attachment (its id is the disk's).", reply: "200 <disk_attachment>" },
      {
        method: "POST",
        path: "/vms/{id}/diskattachments",
        summary: "A new disk on the domain named for it; poll GET /disks/{id} until ok.",
        body: `<disk_attachment><active>true</active><bootable>false</bootable><interface>virtio_scsi</interface>\n  <disk><name>data1</name><format>cow</format><provisioned_size>1073741824</provisioned_size><sparse>true</sparse>${SD}</disk>\n</disk_attachment>`,
        reply: "201 <disk_attachment>",
      },
      { method: "POST", path: "/vms/{id}/diskattachments", summary: "Attach an existing floating disk.", body: '<disk_attachment><interface>virtio</interface><disk id="DISK"/></disk_attachment>', reply: "201 <disk_attachment>" },
      { method: "DELETE", path: "/vms/{id}/diskattachments/{disk}", summary: "Detach (the disk stays, floating); detach_only=false removes the disk.", params: "detach_only", reply: "200 <action>" },
      { method: "GET", path: "/templates/{id}/diskattachments", summary: "A template's disks.", params: "follow=disk", reply: "200 <disk_attachments>" },
      { method: "GET", path: "/templates/{id}/diskattachments/{disk}", summary: "One of them.", reply: "200 <disk_attachment>" },
    ],
  },
  {
    id: "disks",
    title: "Disks",
    intro: "Every disk: VM, template and floating. format cow|raw, sparse true (thin) or false (preallocated), sizes in bytes (1 MiB to 64 TiB). A template disk lists every domain holding a copy; image_id is the active volume.",
    endpoints: [
      { method: "GET", path: "/disks", summary: "Disks.", params: "search=name=… / storage=nfs-gold / status=…, max", reply: "200 <disks>" },
      { method: "GET", path: "/disks/{id}", summary: "One disk; status locked while a job works on it.", reply: "200 <disk>" },
      { method: "PUT", path: "/disks/{id}", summary: "Change name (alias) and description; another provisioned_size is refused (extending is not supported yet).", body: "<disk><name>db-data</name></disk>", reply: "200 <disk>" },
      { method: "POST", path: "/disks", summary: "A floating disk.", body: `<disk><name>scratch</name><format>raw</format><provisioned_size>10737418240</provisioned_size><sparse>true</sparse>${SD}</disk>`, reply: "201 <disk> (status locked)" },
      { method: "POST", path: "/disks/{id}/move", summary: "Move to another domain: copied, verified, then the source removed. A disk a running (or paused) VM uses moves live: QEMU mirrors it while the guest runs, and all disks of the VM moved in one request switch at one instant.", body: '<action><storage_domain id="SD"/></action>', reply: "202 <action> pending" },
      { method: "POST", path: "/disks/{id}/copy", summary: "A VM or floating disk: a new floating disk there. A template disk: another copy of the same disk on that domain.", body: '<action><disk><name>new alias</name></disk><storage_domain id="SD"/></action>', reply: "202 <action> with <disk id> and the job" },
      { method: "DELETE", path: "/disks/{id}", summary: "Removes a floating disk or a disk of a down VM.", reply: "200 <action> with the job" },
    ],
  },
  {
    id: "templates",
    title: "Templates",
    intro: "Template disks are thin qcow2. The Blank template (id 00000000-0000-0000-0000-000000000000) stands for no template.",
    endpoints: [
      { method: "GET", path: "/templates", summary: "Templates, Blank included.", params: "search, max, follow=disk_attachments[.disk]", reply: "200 <templates>" },
      { method: "GET", path: "/templates/{id}", summary: "One template.", reply: "200 <template>" },
      {
        method: "POST",
        path: "/templates",
        summary: "From a down VM, each disk copied to the domain named for it; a top-level <storage_domain> is the default for the others.",
        body: `<template><name>web-tpl</name><vm id="VM">\n  <disk_attachments><disk_attachment><disk id="VM_DISK">${SD}</disk></disk_attachment></disk_attachments>\n</vm></template>`,
        reply: "201 <template> (status locked)",
      },
      {
        method: "POST",
        path: "/templates/{id}/clone",
        summary: "Multistore (oVirt has no template clone): a new template from full copies of this one's disks, a domain per disk, <storage_domain> as the default.",
        body: `<action><template><name>web-tpl-2</name>\n  <disk_attachments><disk_attachment><disk id="TEMPLATE_DISK">${SD}</disk></disk_attachment></disk_attachments>\n</template><storage_domain id="DEFAULT_SD"/></action>`,
        reply: "202 <action> with <template id> and the job",
      },
      { method: "POST", path: "/templates/{id}/disks/{disk}/copy", summary: "Copy a template disk to another domain (same as /disks/{disk}/copy).", body: '<action><storage_domain id="SD"/></action>', reply: "202 <action> pending" },
      { method: "DELETE", path: "/templates/{id}/disks/{disk}?storage_domain=SD", summary: "Remove the template disk's copy from one domain; refused for the last copy and for a copy thin VM disks stand on (409).", reply: "200 <action> with its job" },
      { method: "POST", path: "/templates/{id}/export", summary: "Export to an export domain.", body: '<action><exclusive>true</exclusive><storage_domain id="EXPORT_SD"/></action>', reply: "202 <action> pending" },
      { method: "POST", path: "/templates/{id}/exporttopathonhost", summary: "Export the template as one .ova file in a folder of OVA_DIRS.", body: "<action><directory>/var/lib/multistore/ova</directory><filename>rhel9.ova</filename></action>", reply: "202 <action> pending" },
      { method: "POST", path: "/externaltemplateimports", summary: "Import the template an .ova holds as a new template.", body: '<external_template_import><url>ova:///path/rhel9.ova</url><storage_domain id="SD"/><template><name>rhel9-copy</name></template></external_template_import>', reply: "201 <external_template_import>" },
      { method: "DELETE", path: "/templates/{id}", summary: "Removes the template and every copy of its disks; 409 while VMs are thin on it.", reply: "200 <action> with the job" },
    ],
  },
  {
    id: "import",
    title: "Import from an export domain",
    intro: "Each disk goes to the data domain the map names; <storage_domain> takes the others. The name changes only with clone=true. Imports get new ids, so an export can be imported again.",
    endpoints: [
      {
        method: "POST",
        path: "/storagedomains/{export}/vms/{id}/import",
        summary: "Import a VM.",
        body: `<action><clone>true</clone><cluster><name>Default</name></cluster><storage_domain id="DEFAULT_SD"/>\n  <vm><name>web-01-restored</name><disk_attachments>\n    <disk_attachment><disk id="EXPORTED_DISK">${SD}</disk></disk_attachment>\n  </disk_attachments></vm>\n</action>`,
        reply: "202 <action> with <vm id> and the job",
      },
      { method: "POST", path: "/storagedomains/{export}/templates/{id}/import", summary: "Import a template; the per-disk map goes in <vm><disk_attachments> as for VMs.", body: '<action><clone>true</clone><storage_domain id="SD"/><template><name>new-name</name></template></action>', reply: "202 <action> with <template id>" },
    ],
  },
  {
    id: "snapshots",
    title: "Snapshots",
    intro: "Taken of down or running VMs (disk-only and consistent on a running one): each disk gets an overlay on its own domain. persist_memorystate is accepted; no memory is kept. The Active VM snapshot can be neither removed nor restored (409).",
    endpoints: [
      { method: "GET", path: "/vms/{id}/snapshots", summary: "The VM's snapshots, oldest first, then the Active VM one (snapshot_type active: the VM as it is now).", reply: "200 <snapshots>" },
      { method: "GET", path: "/vms/{id}/snapshots/{snapshot}", summary: "One snapshot.", reply: "200 <snapshot>" },
      { method: "GET", path: "/vms/{id}/snapshots/{sid}/disks", summary: "Each disk as the snapshot holds it: image_id is the volume it froze (each disk's active volume for the Active VM snapshot), storage_domains where that volume is.", reply: "200 <disks>" },
      { method: "GET", path: "/vms/{id}/snapshots/{sid}/disks/{disk}", summary: "One of them.", reply: "200 <disk>" },
      { method: "POST", path: "/vms/{id}/snapshots", summary: "Create.", body: "<snapshot><description>before upgrade</description><persist_memorystate>false</persist_memorystate></snapshot>", reply: "201 <snapshot> (snapshot_status locked)" },
      { method: "POST", path: "/vms/{id}/snapshots/{sid}/restore", summary: "Back to the snapshot; newer snapshots go.", body: "<action/>", reply: "202 <action> pending" },
      { method: "DELETE", path: "/vms/{id}/snapshots/{sid}", summary: "Merge the snapshot's data into its child and remove it.", reply: "200 <action> with the job" },
      { method: "GET", path: "/disks/{id}/disksnapshots", summary: "The disk's volumes that snapshots froze, each with its parent, disk and snapshot links (the SDK's list_disk_snapshots.py).", params: "include_active=true (the active volume too), include_template=true (a template's volume too)", reply: "200 <disk_snapshots>" },
      { method: "GET", path: "/disks/{id}/disksnapshots/{volume}", summary: "One of them.", reply: "200 <disk_snapshot>" },
      { method: "GET", path: "/storagedomains/{id}/disksnapshots", summary: "The same for every disk on the domain.", params: "include_active=true, include_template=true", reply: "200 <disk_snapshots>" },
      { method: "GET", path: "/storagedomains/{id}/disksnapshots/{volume}", summary: "One of them (download_disk_snapshot.py looks it up here, then transfers it: POST /imagetransfers with <snapshot id=\"…\"/>).", reply: "200 <disk_snapshot>" },
    ],
  },
  {
    id: "jobs",
    title: "Jobs",
    intro: "Every long operation is a job with steps. Pass correlation_id on the request, then poll GET /jobs?search=correlation_id=X until no job is started; finished is success.",
    endpoints: [
      { method: "GET", path: "/jobs", summary: "The newest 500 jobs, newest first.", params: "search=correlation_id=X / status=started|finished|failed|aborted, max, follow=steps", reply: "200 <jobs>" },
      { method: "GET", path: "/jobs/{id}", summary: "One job: status started, finished, failed, or aborted (cancelled).", params: "follow=steps", reply: "200 <job>" },
      { method: "POST", path: "/jobs/{id}/end", summary: "Ends an external job as finished or failed (its open steps with it). On a portal job only succeeded=false is taken: a cancel, which stops it (a copy is killed, a live mirror cancelled) and rolls it back, ending aborted; 409 once it has ended or is committing.", body: "<action><succeeded>false</succeeded></action>", reply: "200 <action> complete" },
      { method: "GET", path: "/jobs/{id}/steps", summary: "Its steps that have started, with progress.", reply: "200 <steps>" },
      { method: "GET", path: "/jobs/{id}/steps/{step}", summary: "One step.", reply: "200 <step>" },
      { method: "POST", path: "/jobs", summary: "Add an external job (Ansible's ovirt_job; SuperUser): listed with the portal's jobs, started until its client ends it. Nothing of the portal runs it.", body: "<job><description>backup run</description><status>started</status><external>true</external><auto_cleared>true</auto_cleared></job>", reply: "201 <job>" },
      { method: "POST", path: "/jobs/{id}/steps", summary: "Add a step to an external job.", body: '<step><description>copy files</description><type>unknown</type><job id="…"/><status>started</status><external>true</external></step>', reply: "201 <step>" },
      { method: "POST", path: "/jobs/{id}/steps/{step}/end", summary: "End an external job's step as succeeded or failed.", body: "<action><succeeded>true</succeeded></action>", reply: "200 <action> complete" },
    ],
  },
  {
    id: "events",
    title: "Events, users and permissions",
    intro: "The audit log (what ovirt_event_info reads), the portal's users (ovirt_user_info; SuperUser only) and the roles they hold on objects (ovirt_permission). A user admin@internal is user_name admin@internal-authz, as the engine names it; usrname= matches either form.",
    endpoints: [
      { method: "GET", path: "/events", summary: "The newest 1000 events, newest first: description, severity (normal, warning, error), time, the user and the object (vm, template, disk, storage_domain).", params: "search=severity=warning / description=*text* / id=N, from=N (events after N), max", reply: "200 <events>" },
      { method: "GET", path: "/events/{id}", summary: "One event.", reply: "200 <event>" },
      { method: "GET", path: "/users", summary: "The users.", params: "search=usrname=admin@internal-authz / name=admin, max", reply: "200 <users>" },
      { method: "GET", path: "/users/{id}", summary: "One user.", reply: "200 <user>" },
      { method: "GET", path: "/roles", summary: "The roles a permission gives (SuperUser, ReadOnlyAdmin, StorageAdmin, DiskCreator, VmCreator, UserVmManager, TemplateCreator, TemplateOwner).", reply: "200 <roles>" },
      { method: "GET", path: "/roles/{id}", summary: "One role, by the id a permission links to.", reply: "200 <role>" },
      ...(["vms", "templates", "storagedomains"] as const).flatMap((collection) => [
        { method: "GET" as const, path: `/${collection}/{id}/permissions`, summary: "Who holds which role on the object, and the system-wide permissions that cover it too (those have no object reference). Other users see only their own.", reply: "200 <permissions>" },
        { method: "POST" as const, path: `/${collection}/{id}/permissions`, summary: "Grant a role on the object (SuperUser only); granting one the user holds returns it.", body: '<permission><role><name>UserVmManager</name></role><user id="…"/></permission>', reply: "201 <permission>" },
        { method: "GET" as const, path: `/${collection}/{id}/permissions/{permission}`, summary: "One permission.", reply: "200 <permission>" },
        { method: "DELETE" as const, path: `/${collection}/{id}/permissions/{permission}`, summary: "Revoke it; a system-wide permission is not revoked here (409).", reply: "200 <action> complete" },
      ]),
    ],
  },
  {
    id: "imagetransfers",
    title: "Image transfers (upload, download)",
    intro:
      "oVirt's imagetransfers with an imageio data endpoint. Start a transfer on a disk, poll it until phase is transferring, then move the data to transfer_url (TLS, port IMAGEIO_PORT; CA at /ovirt-engine/services/pki-resource) or proxy_url (the portal's origin): OPTIONS for features, PUT with Content-Range, PATCH {\"op\":\"zero\"|\"flush\"}, GET with Range, GET …/extents. Then finalize and poll until finished_success (the upload is checked with qemu-img check and converted to the disk's format) or finished_failure. A cancelled or failed upload into a floating disk removes the disk.",
    endpoints: [
      { method: "GET", path: "/imagetransfers", summary: "Transfers of the last day, newest first.", reply: "200 <image_transfers>" },
      {
        method: "POST",
        path: "/imagetransfers",
        summary: "Starts an upload into or a download of a disk (its VM down). format raw moves guest data (converted to and from the disk's format); cow the image file's own bytes. <snapshot id=\"V\"/> instead of <disk> downloads the disk as that volume (a disk snapshot) holds it; with <shallow>true</shallow>, that volume's own data alone (raw: extents with hole true where the volume holds nothing, for a client writing onto the backing it has; cow: the volume's file).",
        body: '<image_transfer><disk id="D"/><direction>upload|download</direction><format>raw|cow</format><inactivity_timeout>60</inactivity_timeout><timeout_policy>legacy|pause|cancel</timeout_policy></image_transfer>',
        reply: "201 <image_transfer> with transfer_url, proxy_url, phase",
      },
      { method: "GET", path: "/imagetransfers/{id}", summary: "Its phase: initializing, transferring, paused_system, paused_user, finalizing_success, cancelled_user, cancelled_system, finished_success, finished_failure.", reply: "200 <image_transfer>" },
      { method: "POST", path: "/imagetransfers/{id}/finalize", summary: "All data sent (or read): the disk is made from it, or released.", body: "<action/>", reply: "200 <action> complete" },
      { method: "POST", path: "/imagetransfers/{id}/cancel", summary: "Stops the transfer; nothing it wrote is kept.", body: "<action/>", reply: "200 <action> complete" },
      { method: "POST", path: "/imagetransfers/{id}/extend", summary: "Renews the inactivity clock.", body: "<action/>", reply: "200 <action> complete" },
      { method: "POST", path: "/imagetransfers/{id}/pause", summary: "Data requests are refused until it resumes; the disk stays locked. Silence past inactivity_timeout pauses it too under timeout_policy pause (and legacy, for an upload).", body: "<action/>", reply: "200 <action> complete" },
      { method: "POST", path: "/imagetransfers/{id}/resume", summary: "Opens a paused transfer again, with a fresh inactivity clock.", body: "<action/>", reply: "200 <action> complete" },
    ],
  },
];
