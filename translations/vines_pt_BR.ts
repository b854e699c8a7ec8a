<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="pt_BR">
<context>
    <name>QObject</name>
    <message>
        <location filename="../views/sfc/SfcScene.cpp" line="61" />
        <source>ingress</source>
        <translation>entrada</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcScene.cpp" line="62" />
        <source>egress: drag to the next VNF</source>
        <translation>saída: arraste até a próxima VNF</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcScene.cpp" line="63" />
        <source>this NF cannot forward: it ends the chain</source>
        <translation>esta NF não encaminha: ela termina a cadeia</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcScene.cpp" line="149" />
        <source>%1 forwards to %2</source>
        <translation>%1 encaminha para %2</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="184" />
        <source>Cloud profile '%1' cannot be used (%2); VNFs run on the local VIM.</source>
        <translation>O perfil de nuvem '%1' não pode ser usado (%2); as VNFs executam no VIM local.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="244" />
        <source>&amp;Cloud</source>
        <translation>&amp;Nuvem</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="245" />
        <source>Clouds…</source>
        <translation>Nuvens…</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="250" />
        <source>Switch cloud</source>
        <translation>Trocar de nuvem</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="251" />
        <source>VNFs will run on %1 from the next start. Restart the console now?</source>
        <translation>As VNFs executarão em %1 a partir da próxima partida. Reiniciar o console agora?</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="251" />
        <source>the local VIM</source>
        <translation>o VIM local</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="268" />
        <source>API (%1): %2 %3 → %4</source>
        <translation>API (%1): %2 %3 → %4</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="268" />
        <source>no token</source>
        <translation>sem token</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="274" />
        <source>Northbound API not served: %1</source>
        <translation>API northbound não servida: %1</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="278" />
        <source>&amp;API</source>
        <translation>&amp;API</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="279" />
        <source>Access and tokens…</source>
        <translation>Acesso e tokens…</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="301" />
        <source>Demo packages not found next to the console binary</source>
        <translation>Pacotes de demonstração não encontrados junto ao binário do console</translation>
    </message>
</context>
<context>
    <name>SfcDesigner</name>
    <message>
        <location filename="../views/sfc/SfcCommands.cpp" line="8" />
        <source>add %1</source>
        <translation>adicionar %1</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcCommands.cpp" line="14" />
        <source>move %1</source>
        <translation>mover %1</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcCommands.cpp" line="28" />
        <source>connect %1 → %2</source>
        <translation>conectar %1 → %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/sfc/SfcCommands.cpp" line="39" />
        <source>delete %n item(s)</source>
        <translation><numerusform>excluir %n item</numerusform><numerusform>excluir %n itens</numerusform></translation>
    </message>
</context>
<context>
    <name>vines::AlarmTableModel</name>
    <message>
        <location filename="../views/AlarmTableModel.cpp" line="62" />
        <source>NS %1</source>
        <translation>NS %1</translation>
    </message>
    <message>
        <location filename="../views/AlarmTableModel.cpp" line="88" />
        <source>Active</source>
        <translation>Ativo</translation>
    </message>
    <message>
        <location filename="../views/AlarmTableModel.cpp" line="88" />
        <location filename="../views/AlarmTableModel.cpp" line="103" />
        <source>Cleared</source>
        <translation>Resolvido</translation>
    </message>
    <message>
        <location filename="../views/AlarmTableModel.cpp" line="93" />
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <location filename="../views/AlarmTableModel.cpp" line="103" />
        <source>Severity</source>
        <translation>Severidade</translation>
    </message>
    <message>
        <location filename="../views/AlarmTableModel.cpp" line="103" />
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../views/AlarmTableModel.cpp" line="103" />
        <source>VNF</source>
        <translation>VNF</translation>
    </message>
    <message>
        <location filename="../views/AlarmTableModel.cpp" line="103" />
        <source>Alarm</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <location filename="../views/AlarmTableModel.cpp" line="103" />
        <source>Raised</source>
        <translation>Levantado</translation>
    </message>
    <message>
        <location filename="../views/AlarmTableModel.cpp" line="103" />
        <source>Ack</source>
        <translation>Reconhecido</translation>
    </message>
    <message>
        <location filename="../views/AlarmTableModel.cpp" line="103" />
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
</context>
<context>
    <name>vines::AlarmsView</name>
    <message>
        <location filename="../views/AlarmsView.cpp" line="21" />
        <source>Filter alarms (Ctrl+F)…</source>
        <translation>Filtrar alarmes (Ctrl+F)…</translation>
    </message>
    <message>
        <location filename="../views/AlarmsView.cpp" line="31" />
        <source>Acknowledge</source>
        <translation>Reconhecer</translation>
    </message>
    <message>
        <location filename="../views/AlarmsView.cpp" line="33" />
        <source>Mark the selected alarm as seen by an operator</source>
        <translation>Marcar o alarme selecionado como visto por um operador</translation>
    </message>
    <message>
        <location filename="../views/AlarmsView.cpp" line="34" />
        <source>Go to VNF</source>
        <translation>Ir para a VNF</translation>
    </message>
    <message>
        <location filename="../views/AlarmsView.cpp" line="36" />
        <source>Select the alarm's VNF in the VNFs tab (or double-click the alarm)</source>
        <translation>Selecionar a VNF do alarme na aba VNFs (ou clique duas vezes no alarme)</translation>
    </message>
    <message>
        <location filename="../views/AlarmsView.cpp" line="37" />
        <source>Dashboard</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location filename="../views/AlarmsView.cpp" line="39" />
        <source>Open the live dashboard of the alarm's VNF</source>
        <translation>Abrir o painel ao vivo da VNF do alarme</translation>
    </message>
    <message>
        <location filename="../views/AlarmsView.cpp" line="40" />
        <source>Heal VNF</source>
        <translation>Recuperar VNF</translation>
    </message>
    <message>
        <location filename="../views/AlarmsView.cpp" line="42" />
        <source>Heal the alarm's VNF (rebuilds its platform)</source>
        <translation>Recuperar a VNF do alarme (reconstrói sua plataforma)</translation>
    </message>
    <message>
        <location filename="../views/AlarmsView.cpp" line="43" />
        <source>Active only</source>
        <translation>Somente ativos</translation>
    </message>
    <message>
        <location filename="../views/AlarmsView.cpp" line="69" />
        <source>Could not acknowledge the alarm: %1</source>
        <translation>Não foi possível reconhecer o alarme: %1</translation>
    </message>
</context>
<context>
    <name>vines::ApiAccessDialog</name>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="25" />
        <source>Northbound API access</source>
        <translation>Acesso à API northbound</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="27" />
        <source>Serve the northbound API (SOL003/SOL005 REST) while the console runs</source>
        <translation>Servir a API northbound (REST SOL003/SOL005) enquanto o console executa</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="33" />
        <source>Tokens (scripts send one as X-Auth-Token; read-only tokens may only read):</source>
        <translation>Tokens (scripts enviam um como X-Auth-Token; tokens somente leitura apenas leem):</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="35" />
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="35" />
        <source>Role</source>
        <translation>Papel</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="35" />
        <source>Created</source>
        <translation>Criado</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="43" />
        <source>Create token…</source>
        <translation>Criar token…</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="44" />
        <source>Revoke</source>
        <translation>Revogar</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="52" />
        <source>A new token appears here once; copy it now</source>
        <translation>Um novo token aparece aqui uma única vez; copie-o agora</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="53" />
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="80" />
        <source>Not serving.</source>
        <translation>Não está servindo.</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="80" />
        <source>Serving at %1 — e.g. %1/vnflcm/v1/vnf_instances</source>
        <translation>Servindo em %1 — p. ex. %1/vnflcm/v1/vnf_instances</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="93" />
        <source>Create token</source>
        <translation>Criar token</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="96" />
        <source>e.g. ci-pipeline</source>
        <translation>p. ex. ci-pipeline</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="98" />
        <source>read-only</source>
        <translation>somente leitura</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="99" />
        <source>read-write</source>
        <translation>leitura e escrita</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="100" />
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="101" />
        <source>Role:</source>
        <translation>Papel:</translation>
    </message>
    <message>
        <location filename="../views/ApiAccessDialog.cpp" line="125" />
        <source>Revoke token '%1'? Scripts using it are refused from now on.</source>
        <translation>Revogar o token '%1'? Scripts que o usam passam a ser recusados.</translation>
    </message>
</context>
<context>
    <name>vines::CatalogView</name>
    <message>
        <location filename="../views/CatalogView.cpp" line="22" />
        <source>Filter packages (Ctrl+F)…</source>
        <translation>Filtrar pacotes (Ctrl+F)…</translation>
    </message>
    <message>
        <location filename="../views/CatalogView.cpp" line="31" />
        <source>Catalog</source>
        <translation>Catálogo</translation>
    </message>
    <message>
        <location filename="../views/CatalogView.cpp" line="32" />
        <source>Onboard…</source>
        <translation>Incorporar…</translation>
    </message>
    <message>
        <location filename="../views/CatalogView.cpp" line="33" />
        <source>Onboard a VNF Package (.csar or .zip); you can also drop files on the window</source>
        <translation>Incorporar um pacote de VNF (.csar ou .zip); também é possível soltar arquivos na janela</translation>
    </message>
    <message>
        <location filename="../views/CatalogView.cpp" line="34" />
        <source>Instantiate…</source>
        <translation>Instanciar…</translation>
    </message>
    <message>
        <location filename="../views/CatalogView.cpp" line="36" />
        <source>Enable</source>
        <translation>Habilitar</translation>
    </message>
    <message>
        <location filename="../views/CatalogView.cpp" line="37" />
        <source>Disable</source>
        <translation>Desabilitar</translation>
    </message>
    <message>
        <location filename="../views/CatalogView.cpp" line="38" />
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <location filename="../views/CatalogView.cpp" line="68" />
        <source>Delete package</source>
        <translation>Excluir pacote</translation>
    </message>
    <message>
        <location filename="../views/CatalogView.cpp" line="69" />
        <source>Delete the package %1 %2 (%3) from the catalog? Its archive is removed; it can be onboarded again.</source>
        <translation>Excluir o pacote %1 %2 (%3) do catálogo? Seu arquivo é removido; ele pode ser incorporado de novo.</translation>
    </message>
    <message>
        <location filename="../views/CatalogView.cpp" line="76" />
        <source>Package deleted</source>
        <translation>Pacote excluído</translation>
    </message>
    <message>
        <location filename="../views/CatalogView.cpp" line="118" />
        <source>Disable the package before deleting it</source>
        <translation>Desabilite o pacote antes de excluí-lo</translation>
    </message>
    <message>
        <location filename="../views/CatalogView.cpp" line="119" />
        <source>The package is used by VNF instances</source>
        <translation>O pacote é usado por instâncias de VNF</translation>
    </message>
    <message>
        <location filename="../views/CatalogView.cpp" line="120" />
        <source>Delete the package from the catalog</source>
        <translation>Excluir o pacote do catálogo</translation>
    </message>
</context>
<context>
    <name>vines::CloudProfilesDialog</name>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="24" />
        <source>Clouds</source>
        <translation>Nuvens</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="40" />
        <source>optional: PEM file of a CA to trust</source>
        <translation>opcional: arquivo PEM de uma CA confiável</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="41" />
        <source>Verify the server certificate</source>
        <translation>Verificar o certificado do servidor</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="43" />
        <source>Chain through the network's virtual router (admin accounts; the VR runs the Vines agent)</source>
        <translation>Encadear pelo roteador virtual da rede (contas de administrador; o VR executa o agente Vines)</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="48" />
        <location filename="../views/CloudProfilesDialog.cpp" line="154" />
        <source>the VINES_LEAF_SECRET the VR's agent was set up with</source>
        <translation>o VINES_LEAF_SECRET com que o agente do VR foi configurado</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="51" />
        <source>Unchecked: each chain's public address is sent to its first VNF by CloudStack port forwarding rules, which the virtual router implements and every account may create.</source>
        <translation>Desmarcado: o endereço público de cada cadeia é enviado para sua primeira VNF por regras de redirecionamento de portas do CloudStack, que o roteador virtual implementa e que qualquer conta pode criar.</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="56" />
        <source>VNFs run on: the local VIM</source>
        <translation>As VNFs executam em: o VIM local</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="56" />
        <source>VNFs run on: %1</source>
        <translation>As VNFs executam em: %1</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="59" />
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="60" />
        <source>API URL</source>
        <translation>URL da API</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="61" />
        <source>API key</source>
        <translation>Chave da API</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="62" />
        <source>Secret key</source>
        <translation>Chave secreta</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="63" />
        <source>Secret keys are kept in: %1. Leave empty to keep the stored one.</source>
        <translation>As chaves secretas ficam em: %1. Deixe vazio para manter a guardada.</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="64" />
        <source>CA file</source>
        <translation>Arquivo da CA</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="66" />
        <source>Chains</source>
        <translation>Cadeias</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="67" />
        <source>VR agent secret</source>
        <translation>Segredo do agente do VR</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="75" />
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="76" />
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="77" />
        <source>Test connection</source>
        <translation>Testar conexão</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="78" />
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="80" />
        <source>Delete cloud profile</source>
        <translation>Excluir perfil de nuvem</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="81" />
        <source>Delete the cloud profile %1 and the secret stored for it? VNFs already on that cloud keep running; the console can no longer manage them until a profile for it is made again.</source>
        <translation>Excluir o perfil de nuvem %1 e o segredo guardado para ele? As VNFs já nessa nuvem continuam executando; o console não pode mais geri-las até que um perfil para ela seja criado de novo.</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="90" />
        <source>Import cloudmonkey config…</source>
        <translation>Importar configuração do cloudmonkey…</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="91" />
        <source>cloudmonkey config</source>
        <translation>configuração do cloudmonkey</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="96" />
        <source>Run VNFs on this cloud</source>
        <translation>Executar VNFs nesta nuvem</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="98" />
        <source>Run VNFs on the local VIM</source>
        <translation>Executar VNFs no VIM local</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="148" />
        <location filename="../views/CloudProfilesDialog.cpp" line="154" />
        <source>stored</source>
        <translation>guardado</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="163" />
        <location filename="../views/CloudProfilesDialog.cpp" line="169" />
        <source>Not saved: %1</source>
        <translation>Não salvo: %1</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="175" />
        <source>Saved %1</source>
        <translation>%1 salvo</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="189" />
        <source>Testing %1…</source>
        <translation>Testando %1…</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="194" />
        <source>Failed: %1</source>
        <translation>Falhou: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/CloudProfilesDialog.cpp" line="198" />
        <source>Connected: %n zone(s): %1</source>
        <translation><numerusform>Conectado: %n zona: %1</numerusform><numerusform>Conectado: %n zonas: %1</numerusform></translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="204" />
        <source>This account may not use the virtual router: uncheck 'Chain through the network's virtual router'.</source>
        <translation>Esta conta não pode usar o roteador virtual: desmarque 'Encadear pelo roteador virtual da rede'.</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="228" />
        <source>Imported %1%2</source>
        <translation>%1%2 importado</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="228" />
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <location filename="../views/CloudProfilesDialog.cpp" line="229" />
        <source>; skipped </source>
        <translation>; ignorados </translation>
    </message>
</context>
<context>
    <name>vines::ComparisonView</name>
    <message>
        <location filename="../views/dash/ComparisonView.cpp" line="34" />
        <source>Compare selected chains</source>
        <translation>Comparar as cadeias selecionadas</translation>
    </message>
    <message>
        <location filename="../views/dash/ComparisonView.cpp" line="38" />
        <source>Latency CDF by chain length</source>
        <translation>CDF da latência por tamanho da cadeia</translation>
    </message>
    <message>
        <location filename="../views/dash/ComparisonView.cpp" line="38" />
        <source>RTT ms</source>
        <translation>RTT ms</translation>
    </message>
    <message>
        <location filename="../views/dash/ComparisonView.cpp" line="38" />
        <source>fraction ≤ x</source>
        <translation>fração ≤ x</translation>
    </message>
    <message>
        <location filename="../views/dash/ComparisonView.cpp" line="84" />
        <location filename="../views/dash/ComparisonView.cpp" line="107" />
        <source>%1 (%2 VNFs)</source>
        <translation>%1 (%2 VNFs)</translation>
    </message>
    <message>
        <location filename="../views/dash/ComparisonView.cpp" line="111" />
        <location filename="../views/dash/ComparisonView.cpp" line="156" />
        <source>direct</source>
        <translation>direto</translation>
    </message>
    <message>
        <location filename="../views/dash/ComparisonView.cpp" line="146" />
        <source>Latency percentiles (ms)</source>
        <translation>Percentis de latência (ms)</translation>
    </message>
    <message>
        <location filename="../views/dash/ComparisonView.cpp" line="156" />
        <source> VNFs</source>
        <translation> VNFs</translation>
    </message>
    <message>
        <location filename="../views/dash/ComparisonView.cpp" line="170" />
        <source>Throughput (Mbit/s)</source>
        <translation>Vazão (Mbit/s)</translation>
    </message>
    <message>
        <location filename="../views/dash/ComparisonView.cpp" line="172" />
        <source>bulk TCP</source>
        <translation>TCP em massa</translation>
    </message>
</context>
<context>
    <name>vines::DashboardControls</name>
    <message>
        <location filename="../views/dash/DashboardControls.cpp" line="22" />
        <source>last minute</source>
        <translation>último minuto</translation>
    </message>
    <message>
        <location filename="../views/dash/DashboardControls.cpp" line="23" />
        <source>last 10 minutes</source>
        <translation>últimos 10 minutos</translation>
    </message>
    <message>
        <location filename="../views/dash/DashboardControls.cpp" line="24" />
        <source>last hour</source>
        <translation>última hora</translation>
    </message>
    <message>
        <location filename="../views/dash/DashboardControls.cpp" line="25" />
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <location filename="../views/dash/DashboardControls.cpp" line="27" />
        <source>Freeze the charts; data keeps being collected. Drag on a chart to zoom, right click to go back to live.</source>
        <translation>Congelar os gráficos; os dados continuam sendo coletados. Arraste num gráfico para ampliar, clique com o botão direito para voltar ao vivo.</translation>
    </message>
    <message>
        <location filename="../views/dash/DashboardControls.cpp" line="31" />
        <source>Export %1…</source>
        <translation>Exportar %1…</translation>
    </message>
    <message>
        <location filename="../views/dash/DashboardControls.cpp" line="47" />
        <source>Export to directory</source>
        <translation>Exportar para diretório</translation>
    </message>
</context>
<context>
    <name>vines::DashboardsView</name>
    <message>
        <location filename="../views/dash/DashboardsView.cpp" line="25" />
        <source>Open SFC dashboard</source>
        <translation>Abrir painel da SFC</translation>
    </message>
    <message>
        <location filename="../views/dash/DashboardsView.cpp" line="26" />
        <source>Open VNF dashboard</source>
        <translation>Abrir painel da VNF</translation>
    </message>
    <message>
        <location filename="../views/dash/DashboardsView.cpp" line="27" />
        <source>Compare chains</source>
        <translation>Comparar cadeias</translation>
    </message>
    <message>
        <location filename="../views/dash/DashboardsView.cpp" line="39" />
        <source>Network service:</source>
        <translation>Serviço de rede:</translation>
    </message>
    <message>
        <location filename="../views/dash/DashboardsView.cpp" line="43" />
        <source>VNF:</source>
        <translation>VNF:</translation>
    </message>
    <message>
        <location filename="../views/dash/DashboardsView.cpp" line="88" />
        <source>SFC %1</source>
        <translation>SFC %1</translation>
    </message>
    <message>
        <location filename="../views/dash/DashboardsView.cpp" line="98" />
        <source>VNF %1</source>
        <translation>VNF %1</translation>
    </message>
    <message>
        <location filename="../views/dash/DashboardsView.cpp" line="105" />
        <source>Chain comparison</source>
        <translation>Comparação de cadeias</translation>
    </message>
</context>
<context>
    <name>vines::DemoContent</name>
    <message>
        <location filename="../app/DemoContent.cpp" line="64" />
        <location filename="../app/DemoContent.cpp" line="77" />
        <location filename="../app/DemoContent.cpp" line="85" />
        <source>Demo stopped: %1</source>
        <translation>Demonstração interrompida: %1</translation>
    </message>
    <message>
        <location filename="../app/DemoContent.cpp" line="73" />
        <source>Demo: catalog ready; existing network services kept</source>
        <translation>Demonstração: catálogo pronto; serviços de rede existentes mantidos</translation>
    </message>
    <message>
        <location filename="../app/DemoContent.cpp" line="89" />
        <source>Demo chain ready: send TCP or UDP to %1:%2 (router → monitor → forwarder → echo)</source>
        <translation>Cadeia de demonstração pronta: envie TCP ou UDP para %1:%2 (roteador → monitor → encaminhador → eco)</translation>
    </message>
</context>
<context>
    <name>vines::InstanceTableModel</name>
    <message>
        <location filename="../views/InstanceTableModel.cpp" line="73" />
        <source>%1 · kernel</source>
        <translation>%1 · kernel</translation>
    </message>
    <message>
        <location filename="../views/InstanceTableModel.cpp" line="75" />
        <source>%1 · relay</source>
        <translation>%1 · relay</translation>
    </message>
    <message>
        <location filename="../views/InstanceTableModel.cpp" line="92" />
        <source>Data path: the kernel forwards this VNF's traffic (nftables DNAT), no copy in the agent.</source>
        <translation>Caminho de dados: o kernel encaminha o tráfego desta VNF (DNAT do nftables), sem cópia no agente.</translation>
    </message>
    <message>
        <location filename="../views/InstanceTableModel.cpp" line="94" />
        <source>Data path: a splice(2) relay in the agent.</source>
        <translation>Caminho de dados: um repasse splice(2) no agente.</translation>
    </message>
    <message>
        <location filename="../views/InstanceTableModel.cpp" line="110" />
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../views/InstanceTableModel.cpp" line="110" />
        <source>Package</source>
        <translation>Pacote</translation>
    </message>
    <message>
        <location filename="../views/InstanceTableModel.cpp" line="110" />
        <source>Instantiation</source>
        <translation>Instanciação</translation>
    </message>
    <message>
        <location filename="../views/InstanceTableModel.cpp" line="110" />
        <source>VNF state</source>
        <translation>Estado da VNF</translation>
    </message>
    <message>
        <location filename="../views/InstanceTableModel.cpp" line="110" />
        <source>NF status</source>
        <translation>Situação da NF</translation>
    </message>
    <message>
        <location filename="../views/InstanceTableModel.cpp" line="110" />
        <source>Flavour</source>
        <translation>Sabor</translation>
    </message>
    <message>
        <location filename="../views/InstanceTableModel.cpp" line="110" />
        <source>VIM / instance</source>
        <translation>VIM / instância</translation>
    </message>
    <message>
        <location filename="../views/InstanceTableModel.cpp" line="110" />
        <source>Management address</source>
        <translation>Endereço de gerência</translation>
    </message>
    <message>
        <location filename="../views/InstanceTableModel.cpp" line="110" />
        <source>Operation</source>
        <translation>Operação</translation>
    </message>
</context>
<context>
    <name>vines::InstanceView</name>
    <message>
        <location filename="../views/InstanceView.cpp" line="27" />
        <source>Filter VNFs by any column: name, state, package, address… (Ctrl+F)</source>
        <translation>Filtrar VNFs por qualquer coluna: nome, estado, pacote, endereço… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="35" />
        <source>VNF lifecycle</source>
        <translation>Ciclo de vida da VNF</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="36" />
        <source>Instantiate…</source>
        <translation>Instanciar…</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="40" />
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="40" />
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="41" />
        <source>Restart</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="41" />
        <source>Scale</source>
        <translation>Escalar</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="42" />
        <source>Heal</source>
        <translation>Recuperar</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="42" />
        <source>Terminate</source>
        <translation>Encerrar</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="43" />
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="53" />
        <source>Rotate agent secret</source>
        <translation>Trocar o segredo do agente</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="58" />
        <source>Logs…</source>
        <translation>Registros…</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="155" />
        <source>Scale by aspect (%1)</source>
        <translation>Escalar por aspecto (%1)</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="158" />
        <source>Scale %1 out (level %2 → %3 of %4)</source>
        <translation>Ampliar %1 (nível %2 → %3 de %4)</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="164" />
        <source>Scale %1 in (level %2 → %3)</source>
        <translation>Reduzir %1 (nível %2 → %3)</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="172" />
        <source>Compute flavour</source>
        <translation>Sabor de computação</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="190" />
        <source>Select a VNF instance</source>
        <translation>Selecione uma instância de VNF</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="192" />
        <source>Select one VNF instance for this</source>
        <translation>Selecione uma instância de VNF para isto</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/InstanceView.cpp" line="200" />
        <source>None of the %n selected VNFs can do this now</source>
        <translation><numerusform>A VNF selecionada não pode fazer isto agora</numerusform><numerusform>Nenhuma das %n VNFs selecionadas pode fazer isto agora</numerusform></translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="204" />
        <source>%1: %2 of the %3 selected VNFs</source>
        <translation>%1: %2 das %3 VNFs selecionadas</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="246" />
        <source>terminate it</source>
        <translation>encerrá-la</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="246" />
        <source>stop it</source>
        <translation>pará-la</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/InstanceView.cpp" line="254" />
        <source>%n VNFs (%1)</source>
        <translation><numerusform>%n VNF (%1)</numerusform><numerusform>%n VNFs (%1)</numerusform></translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="255" />
        <source>Terminate %1? Each NF is stopped gracefully, then its VIM instance is destroyed.</source>
        <translation>Encerrar %1? Cada NF é parada de forma ordenada e então sua instância no VIM é destruída.</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="256" />
        <source>Delete the records of %1?</source>
        <translation>Excluir os registros de %1?</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="257" />
        <source>Stop %1?</source>
        <translation>Parar %1?</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="261" />
        <source>Terminate VNF</source>
        <translation>Encerrar VNF</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="261" />
        <source>Delete VNF records</source>
        <translation>Excluir registros de VNF</translation>
    </message>
    <message>
        <location filename="../views/InstanceView.cpp" line="261" />
        <source>Stop VNF</source>
        <translation>Parar VNF</translation>
    </message>
</context>
<context>
    <name>vines::InstantiateDialog</name>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="20" />
        <source>Instantiate VNF</source>
        <translation>Instanciar VNF</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="46" />
        <source>Instantiate</source>
        <translation>Instanciar</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="49" />
        <source>Package</source>
        <translation>Pacote</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="50" />
        <source>VNF name</source>
        <translation>Nome da VNF</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="51" />
        <source>Deployment flavour</source>
        <translation>Sabor de implantação</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="52" />
        <source>Instantiation level</source>
        <translation>Nível de instanciação</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="54" />
        <source>Compute flavour</source>
        <translation>Sabor de computação</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="55" />
        <source>NF configuration (JSON)</source>
        <translation>Configuração da NF (JSON)</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="89" />
        <source>(the flavour declares no levels)</source>
        <translation>(o sabor não declara níveis)</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="127" />
        <source>No enabled package in the catalog: onboard or enable one first.</source>
        <translation>Nenhum pacote habilitado no catálogo: incorpore ou habilite um primeiro.</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="129" />
        <source>Give the VNF a name.</source>
        <translation>Dê um nome à VNF.</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="131" />
        <source>A VNF named '%1' already exists.</source>
        <translation>Já existe uma VNF chamada '%1'.</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="133" />
        <source>A VNF name is 1-64 letters, digits, '.', '_' or '-'.</source>
        <translation>Um nome de VNF tem de 1 a 64 letras, dígitos, '.', '_' ou '-'.</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="135" />
        <source>Configuration is not valid JSON at offset %1: %2</source>
        <translation>A configuração não é JSON válido na posição %1: %2</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="137" />
        <source>Configuration must be a JSON object.</source>
        <translation>A configuração deve ser um objeto JSON.</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="147" />
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="150" />
        <source>%1 (up to level %2)</source>
        <translation>%1 (até o nível %2)</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="151" />
        <source>Deploys %1.</source>
        <translation>Implanta %1.</translation>
    </message>
    <message>
        <location filename="../views/InstantiateDialog.cpp" line="153" />
        <source>Scales by %1.</source>
        <translation>Escala por %1.</translation>
    </message>
</context>
<context>
    <name>vines::MainWindow</name>
    <message>
        <location filename="../views/MainWindow.cpp" line="52" />
        <location filename="../views/MainWindow.cpp" line="299" />
        <source>Vines Console</source>
        <translation>Vines Console</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="60" />
        <source>VNFs</source>
        <translation>VNFs</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="61" />
        <source>Network services</source>
        <translation>Serviços de rede</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="62" />
        <source>SFC designer</source>
        <translation>Editor de SFC</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="64" />
        <source>Dashboards</source>
        <translation>Painéis</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="78" />
        <source>VNF catalog</source>
        <translation>Catálogo de VNFs</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="87" />
        <source>NS %1</source>
        <translation>NS %1</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="90" />
        <source>Operations</source>
        <translation>Operações</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="93" />
        <source>Filter operations: VNF, operation, state, error… (Ctrl+F)</source>
        <translation>Filtrar operações: VNF, operação, estado, erro… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="103" />
        <location filename="../views/MainWindow.cpp" line="191" />
        <source>Alarms</source>
        <translation>Alarmes</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="129" />
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="133" />
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="136" />
        <source>&amp;VNF</source>
        <translation>&amp;VNF</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="143" />
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="148" />
        <source>VIM: %1</source>
        <translation>VIM: %1</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="169" />
        <source>Onboarding %1: %2</source>
        <translation>Incorporando %1: %2</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="173" />
        <source>Onboarded %1</source>
        <translation>%1 incorporado</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="178" />
        <source>%1 was not onboarded:
%2</source>
        <translation>%1 não foi incorporado:
%2</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="182" />
        <source>Operation %1: %2</source>
        <translation>Operação %1: %2</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="191" />
        <source>Alarms (%1 active)</source>
        <translation>Alarmes (%1 ativos)</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="207" />
        <source>&amp;Reset layout</source>
        <translation>&amp;Restaurar leiaute</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="220" />
        <source>&amp;Appearance</source>
        <translation>A&amp;parência</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="222" />
        <source>Follow the &amp;desktop</source>
        <translation>Seguir a área de &amp;trabalho</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="223" />
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="223" />
        <source>&amp;Dark</source>
        <translation>&amp;Escuro</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="242" />
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="243" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atalhos de &amp;teclado</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="262" />
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="268" />
        <source>&amp;About Vines Console</source>
        <translation>&amp;Sobre o Vines Console</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="271" />
        <source>About Vines Console</source>
        <translation>Sobre o Vines Console</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="272" />
        <source>&lt;h3&gt;Vines Console %1&lt;/h3&gt;&lt;p&gt;NFV management and orchestration (ETSI NFV-MANO) on Apache CloudStack and on this machine: a VNF Manager and an NFV Orchestrator, VNF Package onboarding (SOL004/SOL001), service function chains, live dashboards, and the vines-ems and vines-leaf daemons.&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Vines Console %1&lt;/h3&gt;&lt;p&gt;Gerência e orquestração de NFV (ETSI NFV-MANO) no Apache CloudStack e nesta máquina: um gerente de VNFs e um orquestrador de NFV, incorporação de pacotes de VNF (SOL004/SOL001), cadeias de funções de serviço, painéis ao vivo e os daemons vines-ems e vines-leaf.&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="277" />
        <source>About &amp;Qt</source>
        <translation>Sobre o &amp;Qt</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="283" />
        <source>%1 VNFs, %2 started</source>
        <translation>%1 VNFs, %2 iniciadas</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="323" />
        <source>Onboard VNF Package</source>
        <translation>Incorporar pacote de VNF</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="323" />
        <source>VNF Packages (*.csar *.zip);;All files (*)</source>
        <translation>Pacotes de VNF (*.csar *.zip);;Todos os arquivos (*)</translation>
    </message>
</context>
<context>
    <name>vines::NsView</name>
    <message>
        <location filename="../views/NsView.cpp" line="36" />
        <source>NSD</source>
        <translation>NSD</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="36" />
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="36" />
        <source>Form</source>
        <translation>Formato</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="36" />
        <location filename="../views/NsView.cpp" line="40" />
        <source>Chain</source>
        <translation>Cadeia</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="40" />
        <source>Network service</source>
        <translation>Serviço de rede</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="40" />
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="40" />
        <source>Health</source>
        <translation>Saúde</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="40" />
        <source>Public address</source>
        <translation>Endereço público</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="40" />
        <source>Diverted by</source>
        <translation>Desviado por</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="40" />
        <source>Last operation</source>
        <translation>Última operação</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="49" />
        <source>Filter NSDs and network services: name, state, health, address, VNF… (Ctrl+F)</source>
        <translation>Filtrar NSDs e serviços de rede: nome, estado, saúde, endereço, VNF… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="60" />
        <source>Path</source>
        <translation>Caminho</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="60" />
        <source>VNFs</source>
        <translation>VNFs</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="60" />
        <source>p50 ms</source>
        <translation>p50 ms</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="60" />
        <source>p95 ms</source>
        <translation>p95 ms</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="60" />
        <source>p99 ms</source>
        <translation>p99 ms</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="60" />
        <source>Mbit/s</source>
        <translation>Mbit/s</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="60" />
        <source>Failures</source>
        <translation>Falhas</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="74" />
        <source>Import NSD…</source>
        <translation>Importar NSD…</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="75" />
        <source>Open in designer</source>
        <translation>Abrir no editor</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="76" />
        <source>Instantiate</source>
        <translation>Instanciar</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="78" />
        <source>Terminate</source>
        <translation>Encerrar</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="79" />
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="81" />
        <source>Measure latency &amp;&amp; throughput</source>
        <translation>Medir latência e vazão</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="82" />
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="85" />
        <source>Import NSD or VNFFGD</source>
        <translation>Importar NSD ou VNFFGD</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="85" />
        <source>TOSCA YAML (*.yaml *.yml)</source>
        <translation>TOSCA YAML (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="90" />
        <source>Not imported:
%1</source>
        <translation>Não importado:
%1</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="92" />
        <source>Imported %1</source>
        <translation>%1 importado</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="106" />
        <source>Cannot instantiate %1: %2</source>
        <translation>Não é possível instanciar %1: %2</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="116" />
        <source>Terminate network service</source>
        <translation>Encerrar serviço de rede</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/NsView.cpp" line="117" />
        <source>Terminate network service %1? Its %n VNF(s) (%2) are terminated and deleted and %3 stops answering.</source>
        <translation><numerusform>Encerrar o serviço de rede %1? Sua %n VNF (%2) é encerrada e excluída e %3 deixa de responder.</numerusform><numerusform>Encerrar o serviço de rede %1? Suas %n VNFs (%2) são encerradas e excluídas e %3 deixa de responder.</numerusform></translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="119" />
        <source>its public address</source>
        <translation>seu endereço público</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="135" />
        <source>Export measurements</source>
        <translation>Exportar medições</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="135" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="141" />
        <source>Could not write %1: %2</source>
        <translation>Não foi possível gravar %1: %2</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="142" />
        <source>Wrote %1</source>
        <translation>%1 gravado</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="157" />
        <source>Network service operation %1: %2</source>
        <translation>Operação do serviço de rede %1: %2</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="179" />
        <source>NS catalog</source>
        <translation>Catálogo de NS</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="180" />
        <source>Network services</source>
        <translation>Serviços de rede</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="181" />
        <source>Chain measurements</source>
        <translation>Medições da cadeia</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="228" />
        <source>classifier %1</source>
        <translation>classificador %1</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="231" />
        <source>kept, not composed: the NFVO builds the first forwarding path on the chain's public address</source>
        <translation>mantido, não composto: o NFVO constrói o primeiro caminho de encaminhamento no endereço público da cadeia</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="233" />
        <source>data plane</source>
        <translation>plano de dados</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="253" />
        <source>Every VNF of the chain and its router are instantiated, started and without major alarms.</source>
        <translation>Todas as VNFs da cadeia e seu roteador estão instanciados, iniciados e sem alarmes graves.</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="257" />
        <source>The VIM's router sends %1:%2 to the first VNF by port forwarding rules (CloudStack API).</source>
        <translation>O roteador do VIM envia %1:%2 para a primeira VNF por regras de redirecionamento de portas (API do CloudStack).</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="258" />
        <source>A virtual router VNF, managed through the EMS, sends %1:%2 to the first VNF.</source>
        <translation>Uma VNF de roteador virtual, gerida pelo EMS, envia %1:%2 para a primeira VNF.</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="265" />
        <source>(gone) %1</source>
        <translation>(removida) %1</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="266" />
        <source>deleted</source>
        <translation>excluída</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="267" />
        <source>unknown</source>
        <translation>desconhecido</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="268" />
        <source>ingress</source>
        <translation>entrada</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="268" />
        <source>egress</source>
        <translation>saída</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="268" />
        <source>forwards to %1</source>
        <translation>encaminha para %1</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="309" />
        <location filename="../views/NsView.cpp" line="312" />
        <source>select a network service</source>
        <translation>selecione um serviço de rede</translation>
    </message>
    <message>
        <location filename="../views/NsView.cpp" line="351" />
        <source>Measured %1</source>
        <translation>%1 medido</translation>
    </message>
</context>
<context>
    <name>vines::OperationTableModel</name>
    <message>
        <location filename="../views/OperationTableModel.cpp" line="54" />
        <source>console</source>
        <translation>console</translation>
    </message>
    <message>
        <location filename="../views/OperationTableModel.cpp" line="71" />
        <source>Operation</source>
        <translation>Operação</translation>
    </message>
    <message>
        <location filename="../views/OperationTableModel.cpp" line="71" />
        <source>VNF</source>
        <translation>VNF</translation>
    </message>
    <message>
        <location filename="../views/OperationTableModel.cpp" line="71" />
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../views/OperationTableModel.cpp" line="71" />
        <source>Progress</source>
        <translation>Progresso</translation>
    </message>
    <message>
        <location filename="../views/OperationTableModel.cpp" line="71" />
        <source>Step</source>
        <translation>Passo</translation>
    </message>
    <message>
        <location filename="../views/OperationTableModel.cpp" line="71" />
        <source>Started</source>
        <translation>Iniciada</translation>
    </message>
    <message>
        <location filename="../views/OperationTableModel.cpp" line="71" />
        <source>Ended</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <location filename="../views/OperationTableModel.cpp" line="71" />
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <location filename="../views/OperationTableModel.cpp" line="71" />
        <source>Error</source>
        <translation>Erro</translation>
    </message>
</context>
<context>
    <name>vines::OperationsView</name>
    <message>
        <location filename="../views/OperationsView.cpp" line="41" />
        <source>Retry the failed step</source>
        <translation>Repetir o passo que falhou</translation>
    </message>
    <message>
        <location filename="../views/OperationsView.cpp" line="42" />
        <source>Roll back</source>
        <translation>Reverter</translation>
    </message>
    <message>
        <location filename="../views/OperationsView.cpp" line="43" />
        <source>Fail (leave it as it is)</source>
        <translation>Falhar (deixar como está)</translation>
    </message>
    <message>
        <location filename="../views/OperationsView.cpp" line="48" />
        <source>Operation</source>
        <translation>Operação</translation>
    </message>
</context>
<context>
    <name>vines::PackageDetailsView</name>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="12" />
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="12" />
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="27" />
        <location filename="../views/PackageDetailsView.cpp" line="67" />
        <source> (default)</source>
        <translation> (padrão)</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="28" />
        <source>Defined in</source>
        <translation>Definido em</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="29" />
        <source>VDUs</source>
        <translation>VDUs</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="31" />
        <source>%1: %2 vCPU, %3 MB, %4..%5 instances (initially %6)%7%8</source>
        <translation>%1: %2 vCPU, %3 MB, %4..%5 instâncias (inicialmente %6)%7%8</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="33" />
        <source>, image %1</source>
        <translation>, imagem %1</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="34" />
        <source>, storage %1</source>
        <translation>, armazenamento %1</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="36" />
        <source>Virtual storage</source>
        <translation>Armazenamento virtual</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="38" />
        <source>%1 GB %2</source>
        <translation>%1 GB %2</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="40" />
        <source>Connection points</source>
        <translation>Pontos de conexão</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="42" />
        <source>on %1, link %2 (%3)</source>
        <translation>em %1, enlace %2 (%3)</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="43" />
        <source>Virtual links</source>
        <translation>Enlaces virtuais</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="46" />
        <source>External connection points</source>
        <translation>Pontos de conexão externos</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="48" />
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="50" />
        <source>internal link %1</source>
        <translation>enlace interno %1</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="52" />
        <source>Scaling aspects</source>
        <translation>Aspectos de escala</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="57" />
        <source>max level %1; %2</source>
        <translation>nível máximo %1; %2</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="61" />
        <source>Instantiation levels</source>
        <translation>Níveis de instanciação</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="71" />
        <source>Other nodes and policies (kept)</source>
        <translation>Outros nós e políticas (mantidos)</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="92" />
        <source>VNF</source>
        <translation>VNF</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="93" />
        <source>Product</source>
        <translation>Produto</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="94" />
        <source>Provider</source>
        <translation>Fornecedor</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="95" />
        <source>Software version</source>
        <translation>Versão do software</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="96" />
        <source>Descriptor</source>
        <translation>Descritor</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="97" />
        <source>Deployment flavours</source>
        <translation>Sabores de implantação</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="98" />
        <source>VNFM</source>
        <translation>VNFM</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="99" />
        <source>States</source>
        <translation>Estados</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="100" />
        <source>VNF execution platform</source>
        <translation>Plataforma de execução de VNF</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="101" />
        <source>Platform</source>
        <translation>Plataforma</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="102" />
        <source>NF type</source>
        <translation>Tipo de NF</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="103" />
        <source>Default config</source>
        <translation>Configuração padrão</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="106" />
        <source>Deployment flavour %1</source>
        <translation>Sabor de implantação %1</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="107" />
        <source>Artifacts</source>
        <translation>Artefatos</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="113" />
        <source>Archive</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="115" />
        <source>CSAR version</source>
        <translation>Versão do CSAR</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="116" />
        <source>Created by</source>
        <translation>Criado por</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="117" />
        <source>Entry definitions</source>
        <translation>Definições de entrada</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="118" />
        <source>Layout</source>
        <translation>Leiaute</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="118" />
        <source>TOSCA-Metadata/TOSCA.meta</source>
        <translation>TOSCA-Metadata/TOSCA.meta</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="118" />
        <source>no TOSCA-Metadata (root YAML)</source>
        <translation>sem TOSCA-Metadata (YAML na raiz)</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="119" />
        <source>Manifest</source>
        <translation>Manifesto</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="119" />
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="120" />
        <source> (every file's digest verified)</source>
        <translation> (resumo de cada arquivo verificado)</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="120" />
        <source> (listed digests match; not every file listed)</source>
        <translation> (os resumos listados conferem; nem todo arquivo está listado)</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="122" />
        <source>Onboarding notes</source>
        <translation>Notas da incorporação</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="126" />
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../views/PackageDetailsView.cpp" line="127" />
        <source>Stored at</source>
        <translation>Guardado em</translation>
    </message>
</context>
<context>
    <name>vines::PackageTableModel</name>
    <message>
        <location filename="../views/PackageTableModel.cpp" line="61" />
        <source>Product</source>
        <translation>Produto</translation>
    </message>
    <message>
        <location filename="../views/PackageTableModel.cpp" line="61" />
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <location filename="../views/PackageTableModel.cpp" line="61" />
        <source>Provider</source>
        <translation>Fornecedor</translation>
    </message>
    <message>
        <location filename="../views/PackageTableModel.cpp" line="61" />
        <source>VNF-ExP</source>
        <translation>VNF-ExP</translation>
    </message>
    <message>
        <location filename="../views/PackageTableModel.cpp" line="61" />
        <source>Operational</source>
        <translation>Operacional</translation>
    </message>
    <message>
        <location filename="../views/PackageTableModel.cpp" line="61" />
        <source>Usage</source>
        <translation>Uso</translation>
    </message>
    <message>
        <location filename="../views/PackageTableModel.cpp" line="61" />
        <source>Onboarded</source>
        <translation>Incorporado</translation>
    </message>
</context>
<context>
    <name>vines::SfcDashboard</name>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="40" />
        <source>Latency through %1 (%2 VNFs)</source>
        <translation>Latência através de %1 (%2 VNFs)</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="40" />
        <location filename="../views/dash/SfcDashboard.cpp" line="49" />
        <location filename="../views/dash/SfcDashboard.cpp" line="52" />
        <location filename="../views/dash/SfcDashboard.cpp" line="53" />
        <source>time</source>
        <translation>tempo</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="40" />
        <location filename="../views/dash/SfcDashboard.cpp" line="46" />
        <source>RTT ms</source>
        <translation>RTT ms</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="41" />
        <source>p50–p99</source>
        <translation>p50–p99</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="45" />
        <location filename="../views/dash/SfcDashboard.cpp" line="51" />
        <source>alarm</source>
        <translation>alarme</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="46" />
        <source>Latency CDF (last %1 probes)</source>
        <translation>CDF da latência (últimas %1 sondas)</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="46" />
        <source>fraction ≤ x</source>
        <translation>fração ≤ x</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="49" />
        <source>Throughput (bulk TCP through the chain)</source>
        <translation>Vazão (TCP em massa pela cadeia)</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="49" />
        <source>Mbit/s</source>
        <translation>Mbit/s</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="50" />
        <source>throughput</source>
        <translation>vazão</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="52" />
        <source>VNF CPU (EMS performance monitor)</source>
        <translation>CPU da VNF (monitor de desempenho do EMS)</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="52" />
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="53" />
        <source>VNF packets in per second</source>
        <translation>Pacotes de entrada da VNF por segundo</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="53" />
        <source>packets/s</source>
        <translation>pacotes/s</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="60" />
        <location filename="../views/dash/SfcDashboard.cpp" line="112" />
        <source>Start probes</source>
        <translation>Iniciar sondas</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="63" />
        <source>%1:%2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="102" />
        <source>Stop probes</source>
        <translation>Parar sondas</translation>
    </message>
    <message>
        <location filename="../views/dash/SfcDashboard.cpp" line="125" />
        <source>%1:%2 — last RTT %3 ms</source>
        <translation>%1:%2 — último RTT %3 ms</translation>
    </message>
</context>
<context>
    <name>vines::SfcDesigner</name>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="61" />
        <source>Drag onto the canvas</source>
        <translation>Arraste para a tela</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="85" />
        <location filename="../views/sfc/SfcDesigner.cpp" line="95" />
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="89" />
        <location filename="../views/sfc/SfcDesigner.cpp" line="99" />
        <source>Redo</source>
        <translation>Refazer</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="96" />
        <source>Nothing to undo</source>
        <translation>Nada a desfazer</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="96" />
        <source>Undo %1</source>
        <translation>Desfazer %1</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="100" />
        <source>Nothing to redo</source>
        <translation>Nada a refazer</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="100" />
        <source>Redo %1</source>
        <translation>Refazer %1</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="106" />
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="108" />
        <source>Zoom in</source>
        <translation>Ampliar</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="109" />
        <source>Zoom out</source>
        <translation>Reduzir</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="110" />
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="111" />
        <source>Arrange</source>
        <translation>Organizar</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="111" />
        <source>Lay the chain out left to right on the grid (undoable)</source>
        <translation>Dispor a cadeia da esquerda para a direita na grade (pode ser desfeito)</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="115" />
        <source> Name: </source>
        <translation> Nome: </translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="118" />
        <source>Save to NS catalog</source>
        <translation>Salvar no catálogo de NS</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="119" />
        <source>Export NSD…</source>
        <translation>Exportar NSD…</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="120" />
        <source>Export Tacker VNFFGD…</source>
        <translation>Exportar VNFFGD do Tacker…</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="121" />
        <source>Instantiate</source>
        <translation>Instanciar</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="122" />
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="150" />
        <source>New design</source>
        <translation>Novo projeto</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/sfc/SfcDesigner.cpp" line="151" />
        <source>Discard the design %1 (%n VNF(s), %2 forwarding step(s)) and its undo history? %3</source>
        <translation><numerusform>Descartar o projeto %1 (%n VNF, %2 passo(s) de encaminhamento) e seu histórico de desfazer? %3</numerusform><numerusform>Descartar o projeto %1 (%n VNFs, %2 passo(s) de encaminhamento) e seu histórico de desfazer? %3</numerusform></translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="152" />
        <source>on the canvas</source>
        <translation>na tela</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="154" />
        <source>It was not saved to the NS catalog.</source>
        <translation>Ele não foi salvo no catálogo de NS.</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="154" />
        <source>Its saved NSD stays in the NS catalog.</source>
        <translation>O NSD salvo permanece no catálogo de NS.</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="172" />
        <source>Network service %1: %2 — %3</source>
        <translation>Serviço de rede %1: %2 — %3</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="179" />
        <source>Network service %1 runs: send traffic to %2:%3</source>
        <translation>O serviço de rede %1 está no ar: envie tráfego para %2:%3</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="207" />
        <source>VNF packages</source>
        <translation>Pacotes de VNF</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="208" />
        <source>Running VNFs</source>
        <translation>VNFs em execução</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="215" />
        <source>%1 %2 by %3, on %4</source>
        <translation>%1 %2 de %3, em %4</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="237" />
        <source>that VNF no longer exists</source>
        <translation>essa VNF não existe mais</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="245" />
        <source>that package is no longer in the catalog</source>
        <translation>esse pacote não está mais no catálogo</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="267" />
        <source>Chain: public address → router → %1</source>
        <translation>Cadeia: endereço público → roteador → %1</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="279" />
        <source>The design is not a valid chain yet: %1</source>
        <translation>O projeto ainda não é uma cadeia válida: %1</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="288" />
        <source>Could not save %1: %2</source>
        <translation>Não foi possível salvar %1: %2</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="293" />
        <source>Saved %1 to the NS catalog</source>
        <translation>%1 salvo no catálogo de NS</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="332" />
        <source>Export Tacker VNFFGD</source>
        <translation>Exportar VNFFGD do Tacker</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="332" />
        <source>Export NSD</source>
        <translation>Exportar NSD</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="333" />
        <source>TOSCA YAML (*.yaml *.yml)</source>
        <translation>TOSCA YAML (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="339" />
        <source>Could not write %1: %2</source>
        <translation>Não foi possível gravar %1: %2</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="340" />
        <source>Exported %1</source>
        <translation>%1 exportado</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="350" />
        <source>Cannot instantiate: %1</source>
        <translation>Não é possível instanciar: %1</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="352" />
        <source>Instantiating network service %1…</source>
        <translation>Instanciando o serviço de rede %1…</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="384" />
        <source>arrange</source>
        <translation>organizar</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="402" />
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="403" />
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="404" />
        <source>Heal</source>
        <translation>Recuperar</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="409" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="415" />
        <source>Open dashboard</source>
        <translation>Abrir painel</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="418" />
        <source>Delete from the design</source>
        <translation>Excluir do projeto</translation>
    </message>
    <message>
        <location filename="../views/sfc/SfcDesigner.cpp" line="420" />
        <source>Delete this forwarding step</source>
        <translation>Excluir este passo de encaminhamento</translation>
    </message>
</context>
<context>
    <name>vines::SfcScene</name>
    <message>
        <location filename="../views/sfc/SfcScene.cpp" line="194" />
        <source>cannot place this here</source>
        <translation>não é possível colocar isto aqui</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/sfc/SfcScene.cpp" line="249" />
        <source>move %n VNF(s)</source>
        <translation><numerusform>mover %n VNF</numerusform><numerusform>mover %n VNFs</numerusform></translation>
    </message>
</context>
<context>
    <name>vines::TableFilter</name>
    <message>
        <location filename="../views/TableFilter.cpp" line="58" />
        <source>Filter</source>
        <translation>Filtrar</translation>
    </message>
</context>
<context>
    <name>vines::VnfDashboard</name>
    <message>
        <location filename="../views/dash/VnfDashboard.cpp" line="30" />
        <source>%1: CPU</source>
        <translation>%1: CPU</translation>
    </message>
    <message>
        <location filename="../views/dash/VnfDashboard.cpp" line="30" />
        <location filename="../views/dash/VnfDashboard.cpp" line="33" />
        <location filename="../views/dash/VnfDashboard.cpp" line="35" />
        <location filename="../views/dash/VnfDashboard.cpp" line="39" />
        <source>time</source>
        <translation>tempo</translation>
    </message>
    <message>
        <location filename="../views/dash/VnfDashboard.cpp" line="30" />
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <location filename="../views/dash/VnfDashboard.cpp" line="32" />
        <location filename="../views/dash/VnfDashboard.cpp" line="38" />
        <source>alarm</source>
        <translation>alarme</translation>
    </message>
    <message>
        <location filename="../views/dash/VnfDashboard.cpp" line="33" />
        <source>%1: memory</source>
        <translation>%1: memória</translation>
    </message>
    <message>
        <location filename="../views/dash/VnfDashboard.cpp" line="33" />
        <source>RSS KiB</source>
        <translation>RSS KiB</translation>
    </message>
    <message>
        <location filename="../views/dash/VnfDashboard.cpp" line="35" />
        <source>%1: packets per second</source>
        <translation>%1: pacotes por segundo</translation>
    </message>
    <message>
        <location filename="../views/dash/VnfDashboard.cpp" line="35" />
        <source>packets/s</source>
        <translation>pacotes/s</translation>
    </message>
    <message>
        <location filename="../views/dash/VnfDashboard.cpp" line="36" />
        <location filename="../views/dash/VnfDashboard.cpp" line="40" />
        <source>in</source>
        <translation>entrada</translation>
    </message>
    <message>
        <location filename="../views/dash/VnfDashboard.cpp" line="37" />
        <location filename="../views/dash/VnfDashboard.cpp" line="41" />
        <source>out</source>
        <translation>saída</translation>
    </message>
    <message>
        <location filename="../views/dash/VnfDashboard.cpp" line="39" />
        <source>%1: bytes per second</source>
        <translation>%1: bytes por segundo</translation>
    </message>
    <message>
        <location filename="../views/dash/VnfDashboard.cpp" line="39" />
        <source>bytes/s</source>
        <translation>bytes/s</translation>
    </message>
</context>
<context>
    <name>vines::VnfLogDialog</name>
    <message>
        <location filename="../views/VnfLogDialog.cpp" line="27" />
        <source>Log of %1</source>
        <translation>Registro de %1</translation>
    </message>
    <message>
        <location filename="../views/VnfLogDialog.cpp" line="35" />
        <source> lines</source>
        <translation> linhas</translation>
    </message>
    <message>
        <location filename="../views/VnfLogDialog.cpp" line="36" />
        <source>Follow</source>
        <translation>Acompanhar</translation>
    </message>
    <message>
        <location filename="../views/VnfLogDialog.cpp" line="37" />
        <source>Fetch the log again every two seconds</source>
        <translation>Buscar o registro de novo a cada dois segundos</translation>
    </message>
    <message>
        <location filename="../views/VnfLogDialog.cpp" line="38" />
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <location filename="../views/VnfLogDialog.cpp" line="43" />
        <source>Last</source>
        <translation>Último</translation>
    </message>
    <message>
        <location filename="../views/VnfLogDialog.cpp" line="67" />
        <source>fetching…</source>
        <translation>buscando…</translation>
    </message>
    <message>
        <location filename="../views/VnfLogDialog.cpp" line="74" />
        <source>could not fetch the log: %1</source>
        <translation>não foi possível obter o registro: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/VnfLogDialog.cpp" line="85" />
        <source>%n line(s) at %1</source>
        <translation><numerusform>%n linha às %1</numerusform><numerusform>%n linhas às %1</numerusform></translation>
    </message>
</context>
</TS>