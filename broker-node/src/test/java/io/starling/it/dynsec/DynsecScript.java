package io.starling.it.dynsec;

import java.util.ArrayList;
import java.util.List;

/**
 * The control payloads the differential test sends: every command of the plugin, in success and
 * in each error it can answer. Written with single quotes for readability. The admin client is
 * left alone, since changing it would disconnect the test's own control connection.
 */
final class DynsecScript {

    private DynsecScript() {
    }

    static final List<String> PAYLOADS = payloads();

    static final List<String> READ_BACK = List.of(
            one("{'command':'listClients','verbose':true}"),
            one("{'command':'listGroups','verbose':true}"),
            one("{'command':'listRoles','verbose':true}"),
            one("{'command':'getDefaultACLAccess'}"),
            one("{'command':'getAnonymousGroup'}"),
            one("{'command':'getClient','username':'u1'}"));

    static final List<String> SUBSCRIBE_FILTERS = List.of("a/b", "a/c", "s/1", "s/#", "secret/x", "other", "#");

    private static String one(String command) {
        return ("{'commands':[" + command + "]}").replace('\'', '"');
    }

    private static List<String> payloads() {
        List<String> p = new ArrayList<>();
        // default access
        p.add(one("{'command':'getDefaultACLAccess','correlationData':'d1'}"));
        p.add(one("{'command':'setDefaultACLAccess','acls':[{'acltype':'publishClientSend','allow':true},"
                + "{'acltype':'Subscribe','allow':true},{'acltype':'bogus','allow':true},{'acltype':'unsubscribe'}]}"));
        p.add(one("{'command':'setDefaultACLAccess','acls':{}}"));
        p.add(one("{'command':'getDefaultACLAccess'}"));
        // roles
        p.add(one("{'command':'createRole','rolename':'r1','textname':'Role one','acls':["
                + "{'acltype':'publishClientSend','topic':'a/#','priority':1,'allow':true},"
                + "{'acltype':'publishClientSend','topic':'a/b','priority':5},"
                + "{'acltype':'subscribePattern','topic':'s/+','allow':true},"
                + "{'acltype':'subscribeLiteral','topic':'secret/x','allow':false},"
                + "{'acltype':'nope','topic':'x'},{'acltype':'unsubscribePattern'}],'correlationData':'r'}"));
        p.add(one("{'command':'createRole','rolename':'r1'}"));
        p.add(one("{'command':'createRole','rolename':'r2','textdescription':'second'}"));
        p.add(one("{'command':'createRole'}"));
        p.add(one("{'command':'createRole','rolename':'r9','textname':5}"));
        p.add(one("{'command':'addRoleACL','rolename':'r2','acltype':'subscribeLiteral','topic':'a/b','priority':3,"
                + "'allow':true}"));
        p.add(one("{'command':'addRoleACL','rolename':'r2','acltype':'subscribeLiteral','topic':'a/b'}"));
        p.add(one("{'command':'addRoleACL','rolename':'r2','acltype':'publishClientSend','topic':'x/#/y'}"));
        p.add(one("{'command':'addRoleACL','rolename':'r2','acltype':'publishClientSend','topic':'x/+y'}"));
        p.add(one("{'command':'addRoleACL','rolename':'r2','acltype':'nope','topic':'t'}"));
        p.add(one("{'command':'addRoleACL','rolename':'r2','acltype':7,'topic':'t'}"));
        p.add(one("{'command':'addRoleACL','rolename':'r2','acltype':'publishClientReceive'}"));
        p.add(one("{'command':'addRoleACL','rolename':'zz','acltype':'publishClientReceive','topic':'t'}"));
        p.add(one("{'command':'addRoleACL','rolename':'r2','acltype':'PUBLISHCLIENTRECEIVE','topic':'t/#',"
                + "'priority':2,'allow':true}"));
        p.add(one("{'command':'addRoleACL','rolename':'r2','acltype':'unsubscribePattern','topic':'#','allow':true}"));
        p.add(one("{'command':'removeRoleACL','rolename':'r2','acltype':'subscribeLiteral','topic':'zzz'}"));
        p.add(one("{'command':'removeRoleACL','rolename':'r2','acltype':'subscribeLiteral'}"));
        p.add(one("{'command':'removeRoleACL','rolename':'r2','acltype':'subscribeLiteral','topic':'a/#/b'}"));
        // groups
        p.add(one("{'command':'createGroup','groupname':'g1','textname':'Group one','roles':[{'rolename':'r1',"
                + "'priority':2}]}"));
        p.add(one("{'command':'createGroup','groupname':'g1'}"));
        p.add(one("{'command':'createGroup','groupname':'g2','roles':[{'rolename':'nope'}]}"));
        p.add(one("{'command':'createGroup','groupname':'g3','roles':[{'x':1}]}"));
        p.add(one("{'command':'createGroup','groupname':'g3','textdescription':[]}"));
        p.add(one("{'command':'createGroup','groupname':'g\\u0001'}"));
        // clients
        p.add(one("{'command':'createClient','username':'u1','password':'pw1','clientid':'','textdescription':'d',"
                + "'roles':[{'rolename':'r2','priority':1},{'rolename':'r1'}],'groups':[{'groupname':'g1',"
                + "'priority':4}],'correlationData':'c17'}"));
        p.add(one("{'command':'createClient','username':'u2','password':'x','roles':[{'rolename':'nope'}]}"));
        p.add(one("{'command':'createClient','username':'u3','roles':{}}"));
        p.add(one("{'command':'createClient','username':'u3','roles':[{'priority':1}]}"));
        p.add(one("{'command':'createClient','username':'u4','groups':[{'groupname':'nope'}]}"));
        p.add(one("{'command':'createClient','username':'a\\tb'}"));
        p.add(one("{'command':'createClient','username':'u4','clientid':3}"));
        p.add(one("{'command':'createClient','username':'u4','password':false}"));
        p.add(one("{'command':'createClient','username':'u4','textname':false}"));
        p.add(one("{'command':'createClient','password':'x'}"));
        p.add(one("{'command':'createClient','username':'u5'}"));
        // Not sent: createClient naming a group twice ("Internal error"). Mosquitto 2.0.11 then frees the
        // client but leaves it in the first group, and crashes on the next change of that group.
        p.add(one("{'command':'createClient','username':'u6','groups':[{'groupname':'nope'},{'groupname':'g1'}]}"));
        p.add(one("{'command':'createClient','username':'u6'}"));
        p.add(one("{'command':'createClient','username':'u7','groups':[{'groupname':'g1','priority':-5},"
                + "'junk',{'nogroupname':1}]}"));
        p.add(one("{'command':'createClient','username':'u1'}"));
        p.add(one("{'command':'getClient','username':'u1'}"));
        p.add(one("{'command':'getClient','username':'nope'}"));
        p.add(one("{'command':'getClient'}"));
        p.add(one("{'command':'listClients'}"));
        p.add(one("{'command':'listClients','verbose':true,'count':2,'offset':1}"));
        p.add(one("{'command':'listClients','count':0}"));
        p.add(one("{'command':'listClients','offset':10}"));
        p.add(one("{'command':'setClientId','username':'u1','clientid':'cid1'}"));
        p.add(one("{'command':'setClientId','username':'u7'}"));
        p.add(one("{'command':'setClientId','username':'u7','clientid':1}"));
        p.add(one("{'command':'setClientId','username':'nope','clientid':'x'}"));
        p.add(one("{'command':'setClientPassword','username':'u1','password':''}"));
        p.add(one("{'command':'setClientPassword','username':'u1'}"));
        p.add(one("{'command':'setClientPassword','username':'nope','password':'x'}"));
        p.add(one("{'command':'setClientPassword','username':'u1','password':'newpw'}"));
        p.add(one("{'command':'modifyClient','username':'u5','textname':'five','clientid':'c5','password':'p5',"
                + "'roles':[{'rolename':'r2'}],'groups':[{'groupname':'g1'},{'groupname':'nope'}]}"));
        p.add(one("{'command':'modifyClient','username':'u5','textname':'changed','roles':[{'rolename':'nope'}]}"));
        p.add(one("{'command':'getClient','username':'u5'}"));
        p.add(one("{'command':'modifyClient','username':'u5','textdescription':'x','roles':5}"));
        p.add(one("{'command':'modifyClient','username':'u5','clientid':'','groups':[]}"));
        p.add(one("{'command':'modifyClient','username':'nope'}"));
        p.add(one("{'command':'getClient','username':'u5'}"));
        p.add(one("{'command':'disableClient','username':'u5'}"));
        p.add(one("{'command':'getClient','username':'u5'}"));
        p.add(one("{'command':'enableClient','username':'u5'}"));
        p.add(one("{'command':'disableClient','username':'nope'}"));
        p.add(one("{'command':'enableClient'}"));
        p.add(one("{'command':'addClientRole','username':'u5','rolename':'r1','priority':7}"));
        p.add(one("{'command':'addClientRole','username':'u5','rolename':'r1'}"));
        p.add(one("{'command':'addClientRole','username':'u5','rolename':'nope'}"));
        p.add(one("{'command':'addClientRole','username':'nope','rolename':'r1'}"));
        p.add(one("{'command':'addClientRole','username':'u5'}"));
        p.add(one("{'command':'getClient','username':'u5'}"));
        p.add(one("{'command':'removeClientRole','username':'u5','rolename':'r1'}"));
        p.add(one("{'command':'removeClientRole','username':'u5','rolename':'r1'}"));
        p.add(one("{'command':'removeClientRole','username':'u5','rolename':'nope'}"));
        // group membership and roles
        p.add(one("{'command':'addGroupClient','groupname':'g1','username':'u5','priority':2}"));
        p.add(one("{'command':'addGroupClient','groupname':'g1','username':'u5'}"));
        p.add(one("{'command':'addGroupClient','groupname':'nope','username':'u5'}"));
        p.add(one("{'command':'addGroupClient','groupname':'g1','username':'nope'}"));
        p.add(one("{'command':'addGroupClient','groupname':'g1'}"));
        p.add(one("{'command':'removeGroupClient','groupname':'g1','username':'u5'}"));
        p.add(one("{'command':'removeGroupClient','groupname':'g1','username':'u5'}"));
        p.add(one("{'command':'removeGroupClient','groupname':'nope','username':'u5'}"));
        p.add(one("{'command':'addGroupRole','groupname':'g1','rolename':'r2','priority':9}"));
        p.add(one("{'command':'addGroupRole','groupname':'g1','rolename':'r2'}"));
        p.add(one("{'command':'addGroupRole','groupname':'g1','rolename':'nope'}"));
        p.add(one("{'command':'addGroupRole','groupname':'nope','rolename':'r2'}"));
        p.add(one("{'command':'getGroup','groupname':'g1'}"));
        p.add(one("{'command':'removeGroupRole','groupname':'g1','rolename':'r2'}"));
        p.add(one("{'command':'removeGroupRole','groupname':'g1','rolename':'nope'}"));
        p.add(one("{'command':'getGroup','groupname':'nope'}"));
        p.add(one("{'command':'listGroups'}"));
        p.add(one("{'command':'listGroups','verbose':true}"));
        p.add(one("{'command':'modifyGroup','groupname':'g1','textdescription':'desc','roles':[{'rolename':'r2'},"
                + "{'rolename':'r1','priority':1}],'clients':[{'username':'u1'},{'username':'u5','priority':3},"
                + "{'username':'ghost'}]}"));
        p.add(one("{'command':'modifyGroup','groupname':'g1','textname':'renamed','roles':[{'rolename':'nope'}]}"));
        p.add(one("{'command':'modifyGroup','groupname':'nope'}"));
        p.add(one("{'command':'getGroup','groupname':'g1'}"));
        p.add(one("{'command':'getClient','username':'u5'}"));
        p.add(one("{'command':'setAnonymousGroup','groupname':'g1'}"));
        p.add(one("{'command':'getAnonymousGroup'}"));
        p.add(one("{'command':'setAnonymousGroup','groupname':'nope'}"));
        p.add(one("{'command':'setAnonymousGroup'}"));
        // roles again
        p.add(one("{'command':'getRole','rolename':'r1'}"));
        p.add(one("{'command':'getRole','rolename':'nope'}"));
        p.add(one("{'command':'listRoles'}"));
        p.add(one("{'command':'listRoles','verbose':true,'count':1}"));
        p.add(one("{'command':'modifyRole','rolename':'r1','textdescription':'modified','acls':["
                + "{'acltype':'subscribePattern','topic':'s/#','allow':true},"
                + "{'acltype':'subscribeLiteral','topic':'secret/x'},"
                + "{'acltype':'subscribeLiteral','topic':'a/b','allow':true,'priority':4}]}"));
        p.add(one("{'command':'modifyRole','rolename':'nope'}"));
        p.add(one("{'command':'removeRoleACL','rolename':'r2','acltype':'subscribeLiteral','topic':'a/b'}"));
        p.add(one("{'command':'createRole','rolename':'r3'}"));
        p.add(one("{'command':'addClientRole','username':'u7','rolename':'r3'}"));
        p.add(one("{'command':'deleteRole','rolename':'r3'}"));
        p.add(one("{'command':'deleteRole','rolename':'nope'}"));
        p.add(one("{'command':'getClient','username':'u7'}"));
        p.add(one("{'command':'createGroup','groupname':'g4'}"));
        p.add(one("{'command':'deleteGroup','groupname':'g4'}"));
        p.add(one("{'command':'deleteGroup','groupname':'nope'}"));
        p.add(one("{'command':'deleteClient','username':'u6'}"));
        p.add(one("{'command':'deleteClient','username':'nope'}"));
        p.add(one("{'command':'deleteClient'}"));
        // the protocol itself
        p.add(one("{'command':'frob','correlationData':'f'}"));
        p.add(one("{'command':'LISTCLIENTS'}"));
        p.add(one("{'command':'getGroup','groupname':'g1','correlationData':'m1'},{},5,{'command':'listRoles'}"));
        p.add(one("{'command':'listRoles','correlationData':5},{'command':'listGroups'}"));
        p.add("{'commands':[]}".replace('\'', '"'));
        p.add("not json");
        p.add("{'commands':'x'}".replace('\'', '"'));
        p.add("[1,2]");
        p.add(one("{'command':'listRoles','count':'2','verbose':'yes'}"));
        return List.copyOf(p);
    }
}
